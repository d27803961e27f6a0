# Runs a chapter program on bad input and requires the book's error policy: exit
# status 2, exactly one line on standard error starting with "error: ", nothing on
# standard output, no sanitizer report, and an answer within the time limit.
# Usage: cmake -DPROGRAM=exe -DARGS="a;b" -P expect_bad_input.cmake
execute_process(COMMAND "${PROGRAM}" ${ARGS}
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE status
                TIMEOUT 30)
set(shown "${PROGRAM} ${ARGS}")
if(NOT status STREQUAL "2")
  message(FATAL_ERROR "${shown}: expected exit status 2, got '${status}'\nstderr: ${err}")
endif()
if(NOT out STREQUAL "")
  message(FATAL_ERROR "${shown}: printed to standard output on bad input:\n${out}")
endif()
string(REGEX MATCHALL "\n" newlines "${err}")
list(LENGTH newlines lines)
if(NOT err MATCHES "^error: [^\n]+\n$" OR NOT lines EQUAL 1)
  message(FATAL_ERROR "${shown}: expected one line 'error: ...' on standard error, got:\n${err}")
endif()
message(STATUS "${shown} -> ${err}")
