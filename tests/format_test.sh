#!/usr/bin/env bash
# Every C++ file in the repository is formatted by the repository's .clang-format.
# Usage: format_test.sh SOURCE_DIR
set -uo pipefail
cd "$1" || exit 2
command -v clang-format >/dev/null || { echo "FAIL: clang-format is not installed (setup.sh installs it)"; exit 1; }
unformatted=()
while IFS= read -r file; do
  clang-format --dry-run -Werror "$file" >/dev/null 2>&1 || unformatted+=("$file")
done < <(find include src rules tests bench tools -name '*.cpp' -o -name '*.hpp' 2>/dev/null | sort)
if [ ${#unformatted[@]} -gt 0 ]; then
  echo "FAIL: not formatted (run clang-format -i on them):"
  printf '  %s\n' "${unformatted[@]}"
  exit 1
fi
echo "PASS: every C++ file is formatted"
