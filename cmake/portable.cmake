# IAMLINT_PORTABLE (the default with g++ on Linux): one iamlint binary that needs nothing but the C
# library, as the release tarball and the .deb ship it, and that starts without the dynamic loader's
# symbol look-ups. libstdc++ and libgcc are linked statically, yaml-cpp from its static library, fmt from its
# headers into a static library of our own, and spdlog header-only in the one file that logs (Debian
# ships no static library of either). The targets defined here stand in for the ones find_package would
# give, under the same names, so no other CMakeLists changes.
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "GNU" OR NOT CMAKE_SYSTEM_NAME STREQUAL "Linux")
  message(FATAL_ERROR "IAMLINT_PORTABLE links libstdc++ statically: it needs g++ on Linux")
endif()

# An include folder the compiler searches anyway is not added again: -isystem /usr/include would break
# libstdc++'s #include_next.
function(iamlint_interface_include target folder)
  if(NOT folder IN_LIST CMAKE_CXX_IMPLICIT_INCLUDE_DIRECTORIES)
    set_property(TARGET ${target} APPEND PROPERTY INTERFACE_INCLUDE_DIRECTORIES ${folder})
  endif()
endfunction()

find_path(IAMLINT_FMT_INCLUDE_DIR fmt/format.h REQUIRED)
# fmt's compiled part from its headers, once (portable_fmt.cpp), rather than header-only in every file.
add_library(iamlint_fmt STATIC ${CMAKE_CURRENT_LIST_DIR}/portable_fmt.cpp)
iamlint_interface_include(iamlint_fmt ${IAMLINT_FMT_INCLUDE_DIR})
add_library(fmt::fmt ALIAS iamlint_fmt)

find_path(IAMLINT_SPDLOG_INCLUDE_DIR spdlog/spdlog.h REQUIRED)
add_library(spdlog::spdlog INTERFACE IMPORTED)
# Without SPDLOG_COMPILED_LIB spdlog is header-only; it formats with the fmt above, not its bundled copy.
set_property(TARGET spdlog::spdlog PROPERTY INTERFACE_COMPILE_DEFINITIONS SPDLOG_FMT_EXTERNAL)
set_property(TARGET spdlog::spdlog PROPERTY INTERFACE_LINK_LIBRARIES fmt::fmt Threads::Threads)
iamlint_interface_include(spdlog::spdlog ${IAMLINT_SPDLOG_INCLUDE_DIR})

find_path(IAMLINT_YAML_CPP_INCLUDE_DIR yaml-cpp/yaml.h REQUIRED)
find_library(IAMLINT_YAML_CPP_STATIC_LIBRARY NAMES libyaml-cpp.a REQUIRED)
add_library(yaml-cpp STATIC IMPORTED)
set_property(TARGET yaml-cpp PROPERTY IMPORTED_LOCATION ${IAMLINT_YAML_CPP_STATIC_LIBRARY})
iamlint_interface_include(yaml-cpp ${IAMLINT_YAML_CPP_INCLUDE_DIR})

# jemalloc, from its static library, replaces glibc's malloc in the iamlint binary (src/CMakeLists.txt):
# a large file's run is millions of small strings and vectors allocated on several threads and freed at
# the end, and glibc's arenas made that a quarter of the time (docs/benchmarks.md). Only the binary
# links it: the tests' own executables keep glibc's, and sanitizer builds (never portable) their own.
find_library(IAMLINT_JEMALLOC_STATIC_LIBRARY NAMES libjemalloc.a REQUIRED)
add_library(iamlint_jemalloc STATIC IMPORTED)
set_property(TARGET iamlint_jemalloc PROPERTY IMPORTED_LOCATION ${IAMLINT_JEMALLOC_STATIC_LIBRARY})
set_property(TARGET iamlint_jemalloc PROPERTY INTERFACE_LINK_LIBRARIES Threads::Threads ${CMAKE_DL_LIBS} m)

add_link_options(-static-libstdc++ -static-libgcc)
