# Runs one end-to-end test file: `node --test <file>` in the e2e directory.
# Invoked by CTest as: cmake -DNODE=... -DTEST_FILE=... -DE2E_DIR=... [-DSDK_PACKAGE=openai-v7] -P run_node_test.cmake
# Checked here, at test time, so that installing the packages after configuring is enough.

foreach(_var NODE TEST_FILE E2E_DIR)
  if(NOT DEFINED ${_var})
    message(FATAL_ERROR "run_node_test.cmake: -D${_var}=... is required")
  endif()
endforeach()

if(NOT EXISTS "${E2E_DIR}/node_modules/openai/package.json")
  message(FATAL_ERROR
    "The e2e npm packages are not installed (${E2E_DIR}/node_modules/openai is missing).\n"
    "Run:  npm ci --prefix tests/e2e\n"
    "(or scripts/install-deps --npm, or cmake --build build --target e2e-npm-ci)")
endif()

if(DEFINED SDK_PACKAGE AND NOT EXISTS "${E2E_DIR}/node_modules/${SDK_PACKAGE}/package.json")
  message(FATAL_ERROR
    "The SDK package ${SDK_PACKAGE} is not installed (${E2E_DIR}/node_modules/${SDK_PACKAGE} is missing).\n"
    "Run:  npm ci --prefix tests/e2e")
endif()

if(NOT DEFINED ENV{ASSISTANTS_MOCK_BIN} OR NOT EXISTS "$ENV{ASSISTANTS_MOCK_BIN}")
  message(FATAL_ERROR
    "ASSISTANTS_MOCK_BIN='$ENV{ASSISTANTS_MOCK_BIN}' does not name a built server. "
    "Build it first: cmake --build build")
endif()

execute_process(
  COMMAND "${NODE}" --test --test-reporter=spec "${TEST_FILE}"
  WORKING_DIRECTORY "${E2E_DIR}"
  RESULT_VARIABLE _result)
if(NOT _result EQUAL 0)
  message(FATAL_ERROR "node --test ${TEST_FILE} failed (${_result})")
endif()
