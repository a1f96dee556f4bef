# Runs one client test: COMMAND in DIR, once NEEDS is there (a file, or python-pytest:PYTHON for
# a python that imports pytest) and $ASSISTANTS_MOCK_BIN names a built server.
#   cmake -DDIR=... -DNEEDS=... -DHINT=... -DCOMMAND=a|b|c -P run_client_test.cmake
string(REPLACE "|" ";" COMMAND "${COMMAND}")
if(NEEDS MATCHES "^python-pytest:(.*)$")
  execute_process(COMMAND ${CMAKE_MATCH_1} -c "import pytest" RESULT_VARIABLE _result OUTPUT_QUIET ERROR_QUIET)
  if(NOT _result EQUAL 0)
    message(FATAL_ERROR "${CMAKE_MATCH_1} cannot import pytest. Run: ${HINT}")
  endif()
elseif(NOT EXISTS "${NEEDS}")
  message(FATAL_ERROR "${NEEDS} is missing. Run: ${HINT}")
endif()
if(NOT DEFINED ENV{ASSISTANTS_MOCK_BIN} OR NOT EXISTS "$ENV{ASSISTANTS_MOCK_BIN}")
  message(FATAL_ERROR "ASSISTANTS_MOCK_BIN='$ENV{ASSISTANTS_MOCK_BIN}' does not name a built server. "
                      "Build it first: cmake --build build")
endif()
execute_process(COMMAND ${COMMAND} WORKING_DIRECTORY "${DIR}" RESULT_VARIABLE _result)
if(NOT _result EQUAL 0)
  message(FATAL_ERROR "${COMMAND} failed (${_result})")
endif()
