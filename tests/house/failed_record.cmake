# A check that fails must fail its test and be recorded as failed, so that the verdict
# report stops the book. Usage: cmake -DMODULE=exe -DDIR=dir -P failed_record.cmake
file(REMOVE_RECURSE "${DIR}")
set(ENV{BACKPROP_VERIFICATION_DIR} "${DIR}")
execute_process(COMMAND "${MODULE}" --run_test=a_failed_check RESULT_VARIABLE status
                OUTPUT_QUIET ERROR_QUIET)
if(status EQUAL 0)
  message(FATAL_ERROR "a failing check passed its test")
endif()
file(READ "${DIR}/partial/house_records.tsv" records)
if(NOT records MATCHES "x_failed\t[^\n]*\tcheck\tfail\t")
  message(FATAL_ERROR "a failing check was not recorded as failed:\n${records}")
endif()
