# Installing and the Debian package:
#   cmake --build build/release --target package   ->  build/release/assistants-mock_<version>_<arch>.deb
# The package holds the binary, the scenario schema and examples (share/assistants-mock/scenarios),
# the README, and a man page made from the program's --help by help2man. Its dependencies are
# computed by dpkg-shlibdeps (dpkg-dev) from the libraries the binary links, not listed by hand.
# scripts/check-deb builds it, installs it with apt-get and runs the installed binary.
include(GNUInstallDirs)

install(TARGETS assistants-mock RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
file(GLOB _am_scenarios CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/scenarios/*.json)
install(FILES ${_am_scenarios} DESTINATION ${CMAKE_INSTALL_DATADIR}/assistants-mock/scenarios)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/assistants-mock)

# The man page runs the built binary, so not in sanitizer trees (their binaries need the
# sanitizer runtime's options and are never packaged).
find_program(AM_HELP2MAN help2man DOC "help2man: the man page from --help")
if(AM_HELP2MAN AND NOT AM_SANITIZE)
  set(_am_man ${CMAKE_BINARY_DIR}/man/assistants-mock.1.gz)
  add_custom_command(
    OUTPUT ${_am_man}
    COMMAND ${CMAKE_COMMAND} -DBINARY=$<TARGET_FILE:assistants-mock> -DHELP2MAN=${AM_HELP2MAN}
            -DVERSION=${PROJECT_VERSION} -DOUTPUT=${_am_man} -P ${PROJECT_SOURCE_DIR}/cmake/ManPage.cmake
    DEPENDS assistants-mock ${PROJECT_SOURCE_DIR}/cmake/ManPage.cmake
    COMMENT "assistants-mock.1: man page from --help (help2man)"
    VERBATIM)
  add_custom_target(man-page ALL DEPENDS ${_am_man})
  install(FILES ${_am_man} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
elseif(NOT AM_SANITIZE)
  message(WARNING "help2man not found: no man page is built or packaged (apt-get install help2man)")
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME assistants-mock)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "assistants-mock maintainers <assistants-mock@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "stateful record/replay mock and contract checker for the OpenAI Assistants API")
# The extended description, below the summary line; CPack indents each line.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "\
assistants-mock serve runs a scripted, deterministic mock of the Assistants API
(assistants, threads, messages, runs, run steps, files, vector stores) for testing
client code offline; record and replay proxy and play back real sessions; check
holds recordings to the API's JSON Schemas and reports drift.")
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
include(CPack)
