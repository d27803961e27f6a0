# Runs a chapter program with its standard output on /dev/full (every write fails:
# a full disk) and requires it to notice: a non-zero exit and one "error: " line on
# standard error, rather than a silent success with the output lost.
# Usage: cmake -DPROGRAM=exe -DARGS="a;b" -P expect_write_failure.cmake
execute_process(COMMAND "${PROGRAM}" ${ARGS}
                OUTPUT_FILE /dev/full ERROR_VARIABLE err RESULT_VARIABLE status TIMEOUT 60)
if(status STREQUAL "0")
  message(FATAL_ERROR "${PROGRAM} ${ARGS}: exit status 0 although its output could not be written")
endif()
if(NOT err MATCHES "^error: [^\n]+\n$")
  message(FATAL_ERROR "${PROGRAM} ${ARGS}: expected one line 'error: ...' on standard error, got:\n${err}")
endif()
message(STATUS "${PROGRAM} ${ARGS} > /dev/full -> ${status}: ${err}")
