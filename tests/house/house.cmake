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
set(_header "label\ttest\tkind\tverdict\tmethod\tinput\tmeasured\tallowed\tscale\toutcome\tnote\tabout\n")
set(_v ${_house}/verdicts)
# x_eq: a formula of the page xpage; x_ctl, x_blind: a control and a blind spot shown in boxes.
file(WRITE ${_v}/text.md "# A page {#xpage}\n\\f{equation}{ \\label{x_eq} y = x \\f}\n\\snippet{doc} verification.md x_eq\n")
file(WRITE ${_v}/more_text.md "\\f{equation}{ \\label{x_lone} y = 2x \\f}\n")
file(WRITE ${_v}/reference_text.md "as \\f$\\eqref{x_nowhere}\\f$ shows\n")
file(WRITE ${_v}/box_text.md "\\snippet{doc} verification.md x_box\n")
file(WRITE ${_v}/control_text.md "# Controls {#cpage}\n\\snippet{doc} verification.md x_ctl\n\\snippet{doc} verification.md x_blind\n")
file(WRITE ${_v}/mixed_text.md "\\snippet{doc} verification.md x_eq+x_ctl\n")
file(WRITE ${_v}/see_text.md "# Elsewhere {#epage}\nsee \\snippet{doc} verification.md see:x_eq\n")
file(WRITE ${_v}/see_nothing_text.md "see \\snippet{doc} verification.md see:x_ctl\n")
file(WRITE ${_v}/quote_text.md "The loss is \\quote_x_n here.\n")
file(WRITE ${_v}/quote_nothing_text.md "The loss is \\quote_x_nothing here.\n")
file(WRITE ${_v}/quote_math_text.md "The loss is \\f$J = \\quote_x_n\\f$ here.\n")
set(_row "m/s/t\tcheck\tpass\tcomplex step\tx = 1\t0\t1e-12\t\tpassed\t\t")
file(WRITE ${_v}/good.tsv "${_header}x_eq\t${_row}\n")
file(WRITE ${_v}/extra.tsv "${_header}x_extra\tm/s/u\tcheck\tpass\tcomplex step\tx = 1\t0\t1e-12\t\tpassed\t\t\n")
file(WRITE ${_v}/failed.tsv "${_header}x_eq\tm/s/t\tcheck\tfail\tcomplex step\tx = 1\t1\t1e-12\t\trejected\t\t\n")
file(WRITE ${_v}/control_passed.tsv "${_header}x_eq\tm/s/c\tcontrol\tfail\tcomplex step\tx = 1\t0\t1e-12\t\tpassed\t\tthe sign flipped\n")
file(WRITE ${_v}/blind_seen.tsv "${_header}x_eq\tm/s/b\tblind_spot\tfail\tcomplex step\tx = 1\t3\t1e-12\t\trejected\t\t3x for x^2\n")
file(WRITE ${_v}/twice.tsv "${_header}x_eq\tn/s/t\tcheck\tpass\tautodiff\tx = 1\t0\t1e-12\t\tpassed\t\t\n")
file(WRITE ${_v}/control.tsv "${_header}x_eq\t${_row}\nx_eq\tm/s/c\tcontrol\tpass\tcomplex step\tx = 1\t3\t1e-12\t\trejected\t\tthe sign flipped\n")
file(WRITE ${_v}/blind_mixed.tsv "${_header}x_eq\t${_row}\nx_eq\tm/s/b\tblind_spot\tpass\tcomplex step\tx = 1\t0\t1e-12\t\tpassed\t\t3x for x^3 at x = 1\n")
file(WRITE ${_v}/mute.tsv "${_header}x_eq\tm/s/c\tcontrol\tpass\tcomplex step\tx = 1\t3\t1e-12\t\trejected\t\t\n")
file(WRITE ${_v}/kinds.tsv "${_header}x_eq\t${_row}\nx_ctl\tm/s/c\tcontrol\tpass\tcomplex step\tx = 1\t3\t1e-12\t\trejected\t\tthe sign flipped\nx_blind\tm/s/b\tblind_spot\tpass\tcentral differences\tx = 1\t0\t1e-06\t\tpassed\t\t3x for x^3 at x = 1\n")
file(WRITE ${_v}/group.tsv "${_header}x_ctl\tm/s/c\tcontrol\tpass\tcomplex step\tx = 1\t3\t1e-12\t\trejected\t\tthe sign flipped\nx_ctl2\tm/s/c\tcontrol\tpass\tcomplex step\tx = 2\t1\t1e-12\t\trejected\t\ta factor of two\n")
file(WRITE ${_v}/group_text.md "\\snippet{doc} verification.md x_ctl+x_ctl2\n")
file(WRITE ${_v}/quote.tsv "${_header}x_n\tm/s/q\tquote\tpass\t\t\t1000\t\t\t\t\t\n")
file(WRITE ${_v}/quote_twice.tsv "${_header}x_n\tm/s/q\tquote\tpass\t\t\t1000\t\t\t\t\t\nx_n\tm/s/r\tquote\tpass\t\t\t999\t\t\t\t\t\n")
# house_report(NAME EXPECT|SUCCEED ARGS...): the report on fixtures, with its own output files.
function(house_report name expect)
  house_test(${name} ${expect} $<TARGET_FILE:verification_report> ${_v}/${name}.out.md
             ${_v}/${name}.quotes.doxyfile ${ARGN})
endfunction()
house_report(verdicts_good SUCCEED ${_v}/text.md ${_v}/good.tsv)
house_report(verdicts_equation_without_record "error: .*more_text.md:1: equation x_lone has no record.*"
             ${_v}/text.md ${_v}/more_text.md ${_v}/good.tsv)
house_report(verdicts_box_without_record "error: .*box_text.md:1: the box x_box has no record.*"
             ${_v}/text.md ${_v}/box_text.md ${_v}/good.tsv)
house_report(verdicts_reference_to_nothing "error: .*reference_text.md:1: .eqref.x_nowhere. names no equation of the text"
             ${_v}/text.md ${_v}/reference_text.md ${_v}/good.tsv)
house_report(verdicts_record_not_in_text "error: the record x_extra \\(m/s/u\\) is not in the text.*"
             ${_v}/text.md ${_v}/good.tsv ${_v}/extra.tsv)
house_report(verdicts_failed_check "error: verification_report: .*failed.tsv:2: x_eq .*did not pass.*"
             ${_v}/text.md ${_v}/failed.tsv)
house_report(verdicts_control_not_rejected "error: verification_report: .*control_passed.tsv:2: x_eq .*was not rejected for being wrong.*"
             ${_v}/text.md ${_v}/control_passed.tsv)
house_report(verdicts_blind_spot_seen "error: verification_report: .*blind_seen.tsv:2: x_eq .*was seen by the checker.*"
             ${_v}/text.md ${_v}/blind_seen.tsv)
house_report(verdicts_two_modules "error: verification_report: label x_eq is recorded by two test modules.*"
             ${_v}/text.md ${_v}/good.tsv ${_v}/twice.tsv)
house_report(verdicts_check_and_control "error: verification_report: label x_eq is used both by a check and by a control"
             ${_v}/text.md ${_v}/control.tsv)
house_report(verdicts_check_and_blind_spot "error: verification_report: label x_eq is used both by a check and by a blind_spot"
             ${_v}/text.md ${_v}/blind_mixed.tsv)
house_report(verdicts_control_without_about "error: verification_report: .*mute.tsv:2: x_eq: a control must say what is wrong with its formula"
             ${_v}/text.md ${_v}/mute.tsv)
house_report(verdicts_box_mixes_kinds "error: .*mixed_text.md:1: the box x_eq.x_ctl mixes kinds of record.*"
             ${_v}/text.md ${_v}/control_text.md ${_v}/mixed_text.md ${_v}/kinds.tsv)
house_report(verdicts_see_without_box "error: .*see_nothing_text.md:1: see:x_ctl points to no box.*"
             ${_v}/text.md ${_v}/see_nothing_text.md ${_v}/kinds.tsv)
house_report(verdicts_quote_good SUCCEED ${_v}/text.md ${_v}/quote_text.md ${_v}/good.tsv ${_v}/quote.tsv)
house_report(verdicts_quote_without_record "error: .*quote_nothing_text.md:1: .quote_x_nothing quotes a number no test recorded.*"
             ${_v}/text.md ${_v}/quote_text.md ${_v}/quote_nothing_text.md ${_v}/good.tsv ${_v}/quote.tsv)
house_report(verdicts_quote_not_in_text "error: the quoted number x_n \\(m/s/q\\) is not in the text.*"
             ${_v}/text.md ${_v}/good.tsv ${_v}/quote.tsv)
house_report(verdicts_quote_in_formula "error: .*quote_math_text.md:1: .quote_x_n stands inside a formula.*"
             ${_v}/text.md ${_v}/quote_math_text.md ${_v}/good.tsv ${_v}/quote.tsv)
house_report(verdicts_quote_twice "error: verification_report: the quoted number x_n is recorded twice with different values.*"
             ${_v}/text.md ${_v}/quote_text.md ${_v}/good.tsv ${_v}/quote_twice.tsv)

# What the boxes say: each kind its own box, links both ways, quoted numbers as aliases.
# house_output(NAME FILE MATCH MISMATCH ARGS...): the report on fixtures succeeds, and
# its output FILE (out.md or quotes.doxyfile) matches MATCH and not MISMATCH.
function(house_output name file match mismatch)
  set(out ${_v}/${name}.out.md)
  set(quotes ${_v}/${name}.quotes.doxyfile)
  set(command $<TARGET_FILE:verification_report> ${out} ${quotes} ${ARGN})
  add_test(NAME house.${name}
           COMMAND ${CMAKE_COMMAND} "-DCOMMAND=${command}" -DFILE=${${file}} "-DMATCH=${match}"
                   "-DMISMATCH=${mismatch}" -P ${CMAKE_CURRENT_LIST_DIR}/expect_output.cmake)
  set_tests_properties(house.${name} PROPERTIES LABELS "house")
endfunction()
set(_block_of_ctl "/// \\[x_ctl\\]\n<div class=\"verdict-box verdict-")
house_output(verdicts_check_shown out
             "/// \\[x_eq\\]\n<div class=\"verdict-box verdict-check\"[^\n]*Verified[^\n]*\n/// \\[x_eq\\]"
             "verdict-control|verdict-blind-spot"
             ${_v}/text.md ${_v}/good.tsv)
house_output(verdicts_control_shown out
             "/// \\[x_ctl\\]\n<div class=\"verdict-box verdict-control\"[^\n]*rejected, as required[^\n]*[Tt]he sign flipped[^\n]*\n/// \\[x_ctl\\]"
             "/// \\[x_ctl\\]\n<div class=\"verdict-box verdict-(check|blind)"
             ${_v}/text.md ${_v}/control_text.md ${_v}/kinds.tsv)
house_output(verdicts_blind_spot_shown out
             "/// \\[x_blind\\]\n<div class=\"verdict-box verdict-blind-spot\"[^\n]*Blind spot[^\n]*3x for x.3 at x = 1[^\n]*\n/// \\[x_blind\\]"
             "/// \\[x_blind\\]\n<div class=\"verdict-box verdict-(check|control)"
             ${_v}/text.md ${_v}/control_text.md ${_v}/kinds.tsv)
house_output(verdicts_record_links out
             "<tr id=\"rec-x_eq\"><td[^>]*><a href=\"xpage.html#mjx-eqn-x_eq\">.*<tr id=\"rec-x_ctl\"><td[^>]*><a href=\"cpage.html#verdict-x_ctl\">"
             "NO MISMATCH"
             ${_v}/text.md ${_v}/control_text.md ${_v}/kinds.tsv)
house_output(verdicts_box_links out
             "<div class=\"verdict-box verdict-check\" id=\"verdict-x_eq\">[^\n]*<a href=\"verification_record.html#rec-x_eq\">"
             "NO MISMATCH"
             ${_v}/text.md ${_v}/good.tsv)
house_output(verdicts_see_links out
             "/// \\[see:x_eq\\]\n<div class=\"verdict-see verdict-check\">[^\n]*<a href=\"xpage.html#mjx-eqn-x_eq\">The box in A page</a>"
             "NO MISMATCH"
             ${_v}/text.md ${_v}/see_text.md ${_v}/good.tsv)
house_output(verdicts_group_shown out
             "/// \\[x_ctl\\+x_ctl2\\]\n<div class=\"verdict-box verdict-control\"[^\n]*verdict-group[^\n]*The sign flipped[^\n]*At x = 1[^\n]*verdict-group[^\n]*A factor of two[^\n]*At x = 2"
             "NO MISMATCH"
             ${_v}/text.md ${_v}/group_text.md ${_v}/good.tsv ${_v}/group.tsv)
house_output(verdicts_quote_alias quotes
             "\nALIASES \\+= \"quote_x_n=1000\"\n"
             "quote_x_nothing"
             ${_v}/text.md ${_v}/quote_text.md ${_v}/good.tsv ${_v}/quote.tsv)

# --- tests/support/verification.hpp: the rules every chapter's test module relies on
add_executable(test_house_records ${CMAKE_CURRENT_LIST_DIR}/records.cpp)
target_include_directories(test_house_records PRIVATE ${PROJECT_SOURCE_DIR}/tests)
target_compile_definitions(test_house_records PRIVATE BOOST_TEST_DYN_LINK
  BACKPROP_TEST_MODULE_NAME="house_records" BACKPROP_VERIFICATION_DIR="${_house}/records")
target_link_libraries(test_house_records PRIVATE gradcheck Boost::unit_test_framework book_warnings)
if(BACKPROP_TEST_PCH) # as for the chapters' modules (CMakeLists.txt)
  target_compile_definitions(test_house_records PRIVATE BOOST_TEST_MODULE=house_records)
  target_precompile_headers(test_house_records PRIVATE ${BACKPROP_TEST_PCH_HEADERS})
endif()
set(_records $<TARGET_FILE:test_house_records>)
house_test(records_full_run SUCCEED ${_records})
house_test(records_label_not_carried ".*the test case records 'x_missing' but does not carry it.*"
           ${_records} --run_test=records_a_label_it_does_not_carry)
house_test(records_one_oracle_twice ".*x_twice: oracle listed twice: complex step.*"
           ${_records} --run_test=one_oracle_twice)
house_test(records_one_oracle ".*x_alone: a formula needs at least two oracles.*"
           ${_records} --run_test=one_oracle_alone)
house_test(records_same_callable ".*x_same: the hand-derived side is the function the oracles differentiate.*"
           ${_records} --run_test=same_callable_twice)
house_test(records_same_lambda_copied ".*x_copy: the hand-derived side is the function the oracles differentiate.*"
           ${_records} --run_test=same_lambda_copied)
house_test(records_control_without_about ".*x_mute: a control must say what is wrong with its formula.*"
           ${_records} --run_test=control_without_about)
house_test(records_taylor_control_without_slope ".*negative control not rejected for being wrong.*"
           ${_records} --run_test=taylor_control_without_slope)
add_test(NAME house.records_failed_record
         COMMAND ${CMAKE_COMMAND} -DMODULE=${_records} -DDIR=${_house}/failed-record
                 -DCASE=a_failed_check -DLABEL=x_failed -DKIND=check
                 -P ${CMAKE_CURRENT_LIST_DIR}/failed_record.cmake)
set_tests_properties(house.records_failed_record PROPERTIES LABELS "house")
add_test(NAME house.records_seen_blind_spot
         COMMAND ${CMAKE_COMMAND} -DMODULE=${_records} -DDIR=${_house}/seen-blind-spot
                 -DCASE=a_seen_blind_spot -DLABEL=x_seen -DKIND=blind_spot
                 -P ${CMAKE_CURRENT_LIST_DIR}/failed_record.cmake)
set_tests_properties(house.records_seen_blind_spot PROPERTIES LABELS "house")
add_test(NAME house.records_partial_run
         COMMAND ${CMAKE_COMMAND} -DMODULE=${_records} -DDIR=${_house}/partial-run
                 -P ${CMAKE_CURRENT_LIST_DIR}/partial_run.cmake)
set_tests_properties(house.records_partial_run PROPERTIES LABELS "house")

# --- code/common/output.hpp: a file beside the printed output that cannot be written
# whole (a full disk) is an error, not a silent loss; one program for each option.
house_test(output_plot_data_full "error: could not finish writing --plot-data file '/dev/full'"
           $<TARGET_FILE:backpropagation> --plot-data /dev/full)
house_test(output_table_full "error: could not finish writing --table file '/dev/full'"
           $<TARGET_FILE:jacobians_and_layouts> --table /dev/full)

# --- tools/mutation-check --lists: every mutant list read and checked, nothing built.
# The book's own lists pass (a list gone stale after a code edit fails `make test`);
# a fixture whose SEARCH is on no line or on two, or whose label no test carries, is
# refused with one line naming the list's line.
set(_mutants ${PROJECT_SOURCE_DIR}/tools/mutation-check)
function(mutant_fixture name line)
  set(root ${_house}/mutants/${name})
  file(REMOVE_RECURSE ${root})
  file(WRITE ${root}/code/a/a.hpp "int twice(int x) { return 2 * x; }\nint same(int x) { return x; }\nint also(int x) { return x; }\n")
  file(WRITE ${root}/tests/a.cpp "BOOST_AUTO_TEST_CASE(twice, *utf::label(\"a_twice\")) {}\n")
  file(WRITE ${root}/tests/mutations/a.txt "${line}\n")
endfunction()
house_test(mutant_lists SUCCEED ${_mutants} --lists ${PROJECT_SOURCE_DIR})
mutant_fixture(good "code/a/a.hpp | return 2 * x; | return 3 * x; | the factor | @a_twice")
house_test(mutant_lists_good SUCCEED ${_mutants} --lists ${_house}/mutants/good)
mutant_fixture(stale "code/a/a.hpp | return 2 * y; | return 3 * y; | the factor | @a_twice")
house_test(mutant_lists_stale "mutation-check: tests/mutations/a.txt:1: .* is on 0 lines of code/a/a.hpp, not exactly one"
           ${_mutants} --lists ${_house}/mutants/stale)
mutant_fixture(twice "code/a/a.hpp | return x; | return -x; | the sign | @a_twice")
house_test(mutant_lists_twice "mutation-check: tests/mutations/a.txt:1: .* is on 2 lines of code/a/a.hpp, not exactly one"
           ${_mutants} --lists ${_house}/mutants/twice)
mutant_fixture(label "code/a/a.hpp | return 2 * x; | return 3 * x; | the factor | @a_thrice")
house_test(mutant_lists_label "mutation-check: tests/mutations/a.txt:1: no test of tests/a.cpp has the label 'a_thrice'.*"
           ${_mutants} --lists ${_house}/mutants/label)
