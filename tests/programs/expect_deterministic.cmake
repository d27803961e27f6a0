# Runs a chapter program twice with the same arguments and requires byte-identical
# standard output (and identical files wherever an argument is @OUT@, which each run
# replaces by a file of its own). Usage:
#   cmake -DPROGRAM=exe -DARGS="a;@OUT@" -DWORK=dir -P expect_deterministic.cmake
file(MAKE_DIRECTORY "${WORK}")
foreach(run 1 2)
  string(REPLACE "@OUT@" "${WORK}/file${run}" args "${ARGS}")
  execute_process(COMMAND "${PROGRAM}" ${args}
                  OUTPUT_VARIABLE out${run} ERROR_VARIABLE err RESULT_VARIABLE status TIMEOUT 120)
  if(NOT status STREQUAL "0" OR NOT err STREQUAL "")
    message(FATAL_ERROR "${PROGRAM} ${args}: exit status '${status}', stderr:\n${err}")
  endif()
  if(out${run} STREQUAL "")
    message(FATAL_ERROR "${PROGRAM} ${args}: printed nothing")
  endif()
endforeach()
if(NOT out1 STREQUAL out2)
  message(FATAL_ERROR "${PROGRAM} ${ARGS}: two runs printed different output")
endif()
if(ARGS MATCHES "@OUT@")
  file(SHA256 "${WORK}/file1" sum1)
  file(SHA256 "${WORK}/file2" sum2)
  if(NOT sum1 STREQUAL sum2)
    message(FATAL_ERROR "${PROGRAM} ${ARGS}: two runs wrote different files")
  endif()
endif()
string(LENGTH "${out1}" bytes)
message(STATUS "${PROGRAM} ${ARGS}: two runs, ${bytes} identical bytes")
