# Writes OUTPUT (assistants-mock.1.gz) with help2man from BINARY's --help, with one section
# per subcommand made from that subcommand's own --help.
#   cmake -DBINARY=... -DHELP2MAN=... -DVERSION=... -DOUTPUT=... -P ManPage.cmake
foreach(_var BINARY HELP2MAN VERSION OUTPUT)
  if(NOT DEFINED ${_var})
    message(FATAL_ERROR "ManPage.cmake: -D${_var}=... is required")
  endif()
endforeach()

get_filename_component(_dir ${OUTPUT} DIRECTORY)
string(REGEX REPLACE "\\.gz$" "" _page ${OUTPUT})
file(MAKE_DIRECTORY ${_dir})

set(_include "[COMMANDS]\n")
foreach(_command serve record replay check)
  execute_process(COMMAND ${BINARY} ${_command} --help OUTPUT_VARIABLE _help RESULT_VARIABLE _result)
  if(NOT _result EQUAL 0)
    message(FATAL_ERROR "${BINARY} ${_command} --help failed (${_result})")
  endif()
  string(REPLACE "${BINARY}" "assistants-mock" _help "${_help}")  # "Usage: /path/to/build/..."
  # roff: backslashes print as \e; a line starting with . or ' would be a request.
  string(REPLACE "\\" "\\e" _help "${_help}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" _help "${_help}")
  string(APPEND _include ".SS \"assistants-mock ${_command}\"\n.nf\n${_help}.fi\n")
endforeach()
string(APPEND _include
  "[FILES]\n.TP\n.I /usr/share/assistants-mock/scenarios/\n"
  "The scenario schema (scenario.schema.json) and example scenarios, e.g. seed_article.json.\n"
  "[SEE ALSO]\n/usr/share/doc/assistants-mock/README.md\n")
file(WRITE ${_dir}/commands.h2m "${_include}")

execute_process(
  COMMAND ${HELP2MAN} --no-info --no-discard-stderr --version-string=${VERSION}
          "--name=mock server, recorder and contract checker for the OpenAI Assistants API"
          --include=${_dir}/commands.h2m --output=${_page} ${BINARY}
  RESULT_VARIABLE _result)
if(NOT _result EQUAL 0)
  message(FATAL_ERROR "help2man failed (${_result})")
endif()
execute_process(COMMAND gzip -9nf ${_page} RESULT_VARIABLE _result)
if(NOT _result EQUAL 0)
  message(FATAL_ERROR "gzip ${_page} failed (${_result})")
endif()
