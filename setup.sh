#!/usr/bin/env bash
# Sets iamlint up on a Debian machine and shows it at work:
#   1. installs the Debian packages it needs (when missing; apt-get as root, or through sudo),
#   2. builds it in build/ (Release), with the test suite,
#   3. prepares the SARIF validator that the tests use (npm, from tools/sarif-validator),
#   4. runs build/iamlint on examples/.
# Environment: BUILD_DIR (default build), CMAKE_BUILD_TYPE (default Release),
# IAMLINT_WERROR=ON to make compiler warnings errors (CI does), IAMLINT_PORTABLE=OFF to link the
# libraries dynamically (by default, with g++ on Linux, the build is the release binary, which needs
# only the C library and starts in half the time; docs/releasing.md).
set -euo pipefail
cd "$(dirname "$0")"

BUILD_DIR=${BUILD_DIR:-build}
BUILD_TYPE=${CMAKE_BUILD_TYPE:-Release}
WERROR=${IAMLINT_WERROR:-OFF}
# Unset, the build's default applies: -U also drops the OFF that an older setup.sh left in the cache.
portable=(-UIAMLINT_PORTABLE)
[ -z "${IAMLINT_PORTABLE:-}" ] || portable=(-DIAMLINT_PORTABLE="$IAMLINT_PORTABLE")

packages=(cmake g++ make git clang-format nlohmann-json3-dev libcli11-dev libfmt-dev libspdlog-dev libyaml-cpp-dev libjemalloc-dev catch2 pre-commit)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
command -v node >/dev/null && command -v npm >/dev/null || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE="$BUILD_TYPE" -DIAMLINT_WERROR="$WERROR" "${portable[@]}" >/dev/null
cmake --build "$BUILD_DIR" -j"$(nproc)"

# The SARIF validator (schema + GitHub code scanning rules) that the tests run. Without the npm
# registry its test is skipped; everything else still works.
validator="$BUILD_DIR/sarif-validator"
if [ ! -x "$validator/node_modules/.bin/ajv" ]; then
  echo "setup: installing the SARIF validator's npm dependencies in $validator"
  rm -rf "$validator" && cp -r tools/sarif-validator "$validator"
  (cd "$validator" && npm ci --no-fund --no-audit --loglevel=error >/dev/null) ||
    echo "setup: npm could not install them: the sarif.validator test will be skipped"
fi

echo
echo "setup: done. iamlint is $BUILD_DIR/iamlint; here it is on examples/:"
echo
status=0
"$BUILD_DIR/iamlint" examples/ || status=$?
echo
echo "setup: iamlint exited with $status (0 clean, 1 findings at or above --fail-on high, 2 error)."
[ "$status" -le 1 ]
