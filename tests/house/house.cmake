# Tests of the book's house: each build check is fed a fixture it must reject, and
# must reject it with one line naming the offence (and accept the corrected fixture).
# Fixtures are written at configure time under build/house/.
set(_house ${PROJECT_BINARY_DIR}/house)
set(_expect ${CMAKE_CURRENT_LIST_DIR}/expect_failure.cmake)

# house_test(NAME EXPECT|SUCCEED COMMAND...): the CTest test house.NAME.
function(house_test name expect)
  set(mode -DEXPECT=${expect})
  if(expect STREQUAL "SUCCEED")
    set(mode -DSUCCEED=ON)
  endif()
  set(command "${ARGN}")
  add_test(NAME house.${name} COMMAND ${CMAKE_COMMAND} "-DCOMMAND=${command}" ${mode} -P ${_expect})
  set_tests_properties(house.${name} PROPERTIES LABELS "house")
endfunction()

# --- tools/include-order: a tree of two chapters a and b, and shared code
function(order_fixture name)
  set(root ${_house}/order/${name})
  file(REMOVE_RECURSE ${root})
  foreach(pair IN LISTS ARGN)
    string(REPLACE "=" ";" pair "${pair}")
    list(GET pair 0 path)
    list(GET pair 1 include)
    if(include STREQUAL "-")
      file(WRITE ${root}/${path} "// nothing\n")
    else()
      file(WRITE ${root}/${path} "// a fixture\n#pragma once\n#include \"${include}\"\n")
    endif()
  endforeach()
endfunction()
set(_order ${PROJECT_SOURCE_DIR}/tools/include-order)
order_fixture(later code/a/a.hpp=b/b.hpp code/b/b.hpp=-)
house_test(order_later "error: code/a/a.hpp:3: includes \"b/b.hpp\" of the chapter b, which comes after a in the reading order .*"
           ${_order} ${_house}/order/later ${_house}/order/later.stamp a b)
house_test(order_earlier SUCCEED ${_order} ${_house}/order/later ${_house}/order/earlier.stamp b a)
order_fixture(test_later code/a/a.hpp=- code/b/b.hpp=- tests/a.cpp=b/b.hpp)
house_test(order_test_later "error: tests/a.cpp:3: includes \"b/b.hpp\" of the chapter b.*"
           ${_order} ${_house}/order/test_later ${_house}/order/test_later.stamp a b)
order_fixture(mathematics code/a/a.hpp=gradcheck/check.hpp code/a/options.hpp=common/program.hpp)
house_test(order_mathematics "error: code/a/a.hpp:3: a mathematics header includes \"gradcheck/check.hpp\".*"
           ${_order} ${_house}/order/mathematics ${_house}/order/mathematics.stamp a)
order_fixture(core code/a/a.hpp=core/scalar.hpp code/core/scalar.hpp=a/a.hpp)
house_test(order_core "error: code/core/scalar.hpp:3: code/core/ may not include \"a/a.hpp\""
           ${_order} ${_house}/order/core ${_house}/order/core.stamp a)
order_fixture(stray code/a/a.hpp=- code/zzz/z.hpp=-)
house_test(order_stray "error: code/zzz: neither a chapter of the reading order .*"
           ${_order} ${_house}/order/stray ${_house}/order/stray.stamp a)

# --- verification_report: text pages and records, checked both ways
set(_header "label\ttest\tmethod\tkind\tverdict\tmeasure\n")
set(_v ${_house}/verdicts)
file(WRITE ${_v}/text.md "\\f{equation}{ \\label{x_eq} y = x \\f}\n\\snippet{doc} verification.md x_eq\n")
file(WRITE ${_v}/more_text.md "\\f{equation}{ \\label{x_lone} y = 2x \\f}\n")
file(WRITE ${_v}/reference_text.md "as \\f$\\eqref{x_nowhere}\\f$ shows\n")
file(WRITE ${_v}/box_text.md "\\snippet{doc} verification.md x_box\n")
file(WRITE ${_v}/good.tsv "${_header}x_eq\tm/s/t\tcomplex step\tcheck\tpass\tworst error 0\n")
file(WRITE ${_v}/extra.tsv "${_header}x_extra\tm/s/u\tcomplex step\tcheck\tpass\tworst error 0\n")
file(WRITE ${_v}/failed.tsv "${_header}x_eq\tm/s/t\tcomplex step\tcheck\tfail\tworst error 1\n")
file(WRITE ${_v}/control_passed.tsv "${_header}x_eq\tm/s/c\tcomplex step\tcontrol\tfail\tworst error 0, not rejected\n")
file(WRITE ${_v}/twice.tsv "${_header}x_eq\tn/s/t\tautodiff\tcheck\tpass\tworst error 0\n")
file(WRITE ${_v}/control.tsv "${_header}x_eq\tm/s/t\tcomplex step\tcheck\tpass\tworst error 0\nx_eq\tm/s/c\tcomplex step\tcontrol\tpass\trejected\n")
set(_report $<TARGET_FILE:verification_report> ${_v}/out.md)
house_test(verdicts_good SUCCEED ${_report} ${_v}/text.md ${_v}/good.tsv)
house_test(verdicts_equation_without_record "error: .*more_text.md:1: equation x_lone has no record.*"
           ${_report} ${_v}/text.md ${_v}/more_text.md ${_v}/good.tsv)
house_test(verdicts_box_without_record "error: .*box_text.md:1: the box x_box has no record.*"
           ${_report} ${_v}/text.md ${_v}/box_text.md ${_v}/good.tsv)
house_test(verdicts_reference_to_nothing "error: .*reference_text.md:1: .eqref.x_nowhere. names no equation of the text"
           ${_report} ${_v}/text.md ${_v}/reference_text.md ${_v}/good.tsv)
house_test(verdicts_record_not_in_text "error: the record x_extra \\(m/s/u\\) is not in the text.*"
           ${_report} ${_v}/text.md ${_v}/good.tsv ${_v}/extra.tsv)
house_test(verdicts_failed_check "error: verification_report: .*failed.tsv:2: x_eq .*did not pass.*"
           ${_report} ${_v}/text.md ${_v}/failed.tsv)
house_test(verdicts_control_not_rejected "error: verification_report: .*control_passed.tsv:2: x_eq .*did not pass.*"
           ${_report} ${_v}/text.md ${_v}/control_passed.tsv)
house_test(verdicts_two_modules "error: verification_report: label x_eq is recorded by two test modules.*"
           ${_report} ${_v}/text.md ${_v}/good.tsv ${_v}/twice.tsv)
house_test(verdicts_check_and_control "error: verification_report: label x_eq is used both by a check and by a negative control"
           ${_report} ${_v}/text.md ${_v}/control.tsv)

# --- tests/support/verification.hpp: the rules every chapter's test module relies on
add_executable(test_house_records ${CMAKE_CURRENT_LIST_DIR}/records.cpp)
target_include_directories(test_house_records PRIVATE ${PROJECT_SOURCE_DIR}/tests)
target_compile_definitions(test_house_records PRIVATE BOOST_TEST_DYN_LINK
  BACKPROP_TEST_MODULE_NAME="house_records" BACKPROP_VERIFICATION_DIR="${_house}/records")
target_link_libraries(test_house_records PRIVATE gradcheck Boost::unit_test_framework book_warnings)
set(_records $<TARGET_FILE:test_house_records>)
house_test(records_full_run SUCCEED ${_records})
house_test(records_label_not_carried ".*the test case records 'x_missing' but does not carry it.*"
           ${_records} --run_test=records_a_label_it_does_not_carry)
house_test(records_one_oracle_twice ".*oracle listed twice: complex step.*"
           ${_records} --run_test=one_oracle_twice)
house_test(records_one_oracle ".*a formula needs at least two oracles.*"
           ${_records} --run_test=one_oracle_alone)
house_test(records_taylor_control_without_slope ".*negative control not rejected for being wrong.*"
           ${_records} --run_test=taylor_control_without_slope)
add_test(NAME house.records_failed_record
         COMMAND ${CMAKE_COMMAND} -DMODULE=${_records} -DDIR=${_house}/failed-record
                 -P ${CMAKE_CURRENT_LIST_DIR}/failed_record.cmake)
set_tests_properties(house.records_failed_record PROPERTIES LABELS "house")
add_test(NAME house.records_partial_run
         COMMAND ${CMAKE_COMMAND} -DMODULE=${_records} -DDIR=${_house}/partial-run
                 -P ${CMAKE_CURRENT_LIST_DIR}/partial_run.cmake)
set_tests_properties(house.records_partial_run PROPERTIES LABELS "house")
