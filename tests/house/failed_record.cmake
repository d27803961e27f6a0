# A check that fails must fail its test and be recorded as failed, so that the verdict
# report stops the book: a check that did not pass, a blind spot the checker saw.
# Usage: cmake -DMODULE=exe -DDIR=dir -DCASE=test_case -DLABEL=label -DKIND=kind
#              -P failed_record.cmake
file(REMOVE_RECURSE "${DIR}")
set(ENV{BACKPROP_VERIFICATION_DIR} "${DIR}")
execute_process(COMMAND "${MODULE}" --run_test=${CASE} RESULT_VARIABLE status
                OUTPUT_QUIET ERROR_QUIET)
if(status EQUAL 0)
  message(FATAL_ERROR "${CASE}: a failing ${KIND} passed its test")
endif()
file(READ "${DIR}/partial/house_records.tsv" records)
if(NOT records MATCHES "${LABEL}\t[^\n]*\t${KIND}\tfail\t")
  message(FATAL_ERROR "${CASE}: a failing ${KIND} was not recorded as failed:\n${records}")
endif()
