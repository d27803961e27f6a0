# Runs one chapter program for the book and keeps its standard output; a program
# that fails or writes to standard error fails the book's build.
# Usage: cmake -DPROGRAM=exe -DARGS="a;b" -DOUTPUT=file -P run_program.cmake
execute_process(COMMAND "${PROGRAM}" ${ARGS}
                OUTPUT_FILE "${OUTPUT}.tmp" ERROR_VARIABLE errors RESULT_VARIABLE status)
if(NOT status EQUAL 0 OR NOT errors STREQUAL "")
  message(FATAL_ERROR "${PROGRAM} ${ARGS} exited with ${status}:\n${errors}")
endif()
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
