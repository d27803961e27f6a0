# Runs a command of the book's house (a build check) on a fixture it must reject, and
# requires a non-zero exit with a line matching EXPECT in its output (either stream).
# Usage: cmake "-DCOMMAND=exe;args" -DEXPECT=regex [-DSUCCEED=ON] -P expect_failure.cmake
# With SUCCEED=ON the command must instead succeed (the fixture is a correct one).
execute_process(COMMAND ${COMMAND} OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE status)
if(SUCCEED)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${COMMAND}: expected success, got '${status}':\n${err}")
  endif()
  return()
endif()
if(status EQUAL 0)
  message(FATAL_ERROR "${COMMAND}: expected a failure, but it succeeded")
endif()
if(NOT "${out}\n${err}" MATCHES "(^|\n)${EXPECT}(\n|$)")
  message(FATAL_ERROR "${COMMAND}: expected a line matching '${EXPECT}', got:\n${out}\n${err}")
endif()
message(STATUS "rejected as expected: ${err}")
