# Runs `assistants-mock` with ARGS ("::"-separated) and checks the exit status and, when given,
# that stdout matches EXPECT_STDOUT and stderr matches EXPECT_STDERR (regular expressions), and
# that stdout does not match REJECT_STDOUT.
string(REPLACE "::" ";" arguments "${ARGS}")
execute_process(COMMAND ${PROGRAM} ${arguments}
                WORKING_DIRECTORY ${WORKDIR}
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(shown "assistants-mock ${arguments}\n--- exit status: ${status}\n--- stdout:\n${out}\n--- stderr:\n${err}")
if(NOT status STREQUAL EXPECT_STATUS)
  message(FATAL_ERROR "expected exit status ${EXPECT_STATUS}\n${shown}")
endif()
if(DEFINED EXPECT_STDOUT AND NOT out MATCHES "${EXPECT_STDOUT}")
  message(FATAL_ERROR "stdout does not match '${EXPECT_STDOUT}'\n${shown}")
endif()
if(DEFINED EXPECT_STDERR AND NOT err MATCHES "${EXPECT_STDERR}")
  message(FATAL_ERROR "stderr does not match '${EXPECT_STDERR}'\n${shown}")
endif()
if(DEFINED REJECT_STDOUT AND out MATCHES "${REJECT_STDOUT}")
  message(FATAL_ERROR "stdout matches '${REJECT_STDOUT}', which it must not\n${shown}")
endif()
