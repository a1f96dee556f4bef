# Every third-party library is found here, once. scripts/install-deps installs them.
find_package(Threads REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
if(AM_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
