# Runs a command of the book's house that must succeed on a fixture, and requires the
# file it writes to match the regex MATCH and not the regex MISMATCH.
# Usage: cmake "-DCOMMAND=exe;args" -DFILE=path -DMATCH=regex -DMISMATCH=regex
#              -P expect_output.cmake
execute_process(COMMAND ${COMMAND} OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${COMMAND}: expected success, got '${status}':\n${out}\n${err}")
endif()
file(READ "${FILE}" text)
if(NOT text MATCHES "${MATCH}")
  message(FATAL_ERROR "${FILE}: expected a match of '${MATCH}' in:\n${text}")
endif()
if(text MATCHES "${MISMATCH}")
  message(FATAL_ERROR "${FILE}: '${MISMATCH}' must not match, but does in:\n${text}")
endif()
