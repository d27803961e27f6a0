// What a test module uses to assert a check and, in the same step, record it for
// the book: every verified formula in the text shows, under it, the test, oracle,
// worst error and tolerance recorded here by this build's own test run.
//
// Records go to $BACKPROP_VERIFICATION_DIR (default: the build tree's
// verification/ folder) as one tab-separated file per test module. A run of some
// tests only (--run_test=...) writes to its partial/ subfolder instead, so it never
// replaces the full run's records that the book prints.
//
// One name per equation: the label of a record is the equation's LaTeX label, the
// marker of the snippet that computes it, and a Boost.Test label of the test case
// that records it, so `test_NAME --run_test=@LABEL` runs exactly its checks. record()
// fails a test case that records a label it does not carry.
#pragma once

#include "gradcheck/gradcheck.hpp"

#include <boost/test/unit_test.hpp>

#include <boost/test/unit_test_parameters.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#ifndef BACKPROP_VERIFICATION_DIR
#error "BACKPROP_VERIFICATION_DIR must name the folder for verification records"
#endif
#ifndef BACKPROP_TEST_MODULE_NAME
#error "BACKPROP_TEST_MODULE_NAME must name this test module"
#endif

namespace verification {

enum class Kind { check, control };

/// True when the command line (or BOOST_TEST_RUN_FILTERS) selects some tests only.
inline bool partial_run()
{
    namespace rc = boost::unit_test::runtime_config;
    return !rc::get<std::vector<std::string>>(rc::btrt_run_filters).empty();
}

/// The record file of this module, emptied the first time this process writes.
inline std::ofstream& record_file()
{
    static std::ofstream file = [] {
        const char* env = std::getenv("BACKPROP_VERIFICATION_DIR");
        std::filesystem::path dir =
            env != nullptr && *env != '\0' ? env : BACKPROP_VERIFICATION_DIR;
        if (partial_run())
            dir /= "partial";
        std::filesystem::create_directories(dir);
        const auto path = dir / (std::string(BACKPROP_TEST_MODULE_NAME) + ".tsv");
        std::ofstream out(path, std::ios::trunc);
        if (!out)
            throw std::runtime_error("cannot write verification record " +
                                     path.string());
        out << "label\ttest\tmethod\tkind\tverdict\tmeasure\n";
        return out;
    }();
    return file;
}

/// "module/suite/case": enough to find the test and run it alone.
inline std::string current_test()
{
    return std::string(BACKPROP_TEST_MODULE_NAME) + "/" +
           boost::unit_test::framework::current_test_case().full_name();
}

/// True when the running test case carries the Boost.Test label `label`.
inline bool current_test_has_label(const std::string& label)
{
    const auto& labels =
        boost::unit_test::framework::current_test_case().p_labels.get();
    return std::find(labels.begin(), labels.end(), label) != labels.end();
}

/// One record: label, test, method, kind (check/control), verdict, measured text.
inline void record(const std::string& label, const std::string& method, Kind kind,
                   bool passed, const std::string& measure)
{
    BOOST_TEST(current_test_has_label(label),
               "the test case records '"
                   << label << "' but does not carry it: add *utf::label(\"" << label
                   << "\") so that --run_test=@" << label << " selects it");
    std::ofstream& out = record_file();
    out << label << '\t' << current_test() << '\t' << method << '\t'
        << (kind == Kind::check ? "check" : "control") << '\t'
        << (passed ? "pass" : "fail") << '\t' << measure << '\n';
    out.flush();
}

inline std::string measure(const gradcheck::CheckResult& r)
{
    const gradcheck::Comparison& c = r.comparison;
    std::string text = "worst error " + gradcheck::format_number(c.abs_error);
    if (!r.where.empty())
        text += " at " + r.where;
    text += " (allowed " + gradcheck::format_number(c.allowed) + ": " +
            gradcheck::to_string(r.tolerance) + ")";
    if (r.verdict != gradcheck::Verdict::pass &&
        r.verdict != gradcheck::Verdict::exceeds_tolerance)
        text += ", " + std::string(gradcheck::describe(r.verdict));
    if (r.skipped > 0)
        text += ", " + std::to_string(r.skipped) + " of " +
                std::to_string(r.coordinates) + " coordinates skipped at kinks";
    if (!r.sampling.empty())
        text += "; " + r.sampling;
    return text;
}

/// Asserts that the analytic derivative passed its check, and records it.
inline void expect_verified(const gradcheck::CheckResult& r)
{
    record(r.label, gradcheck::name(r.oracle), Kind::check, r.passed(), measure(r));
    BOOST_TEST(r.passed(), r.summary());
}

/// Why a control's result does not count as a rejection for being wrong; empty when
/// it does. Only a real comparison rejects: over finite entries, not all zero, none
/// skipped at a kink, the wrong formula further from the oracle than allowed.
inline std::string why_not_rejected(const gradcheck::CheckResult& r)
{
    if (r.verdict == gradcheck::Verdict::pass)
        return "the checker accepted the wrong formula";
    if (r.verdict != gradcheck::Verdict::exceeds_tolerance)
        return std::string("the checker refused the check (") +
               gradcheck::describe(r.verdict) +
               "), which is not a rejection of the formula";
    if (r.skipped != 0)
        return std::to_string(r.skipped) + " coordinates were skipped at kinks: a "
                                           "control must be judged on all of them";
    if (r.comparison.compared == 0)
        return "no entry was compared";
    return {};
}

/// Asserts that a deliberately wrong formula is rejected because it is wrong, and
/// records it as a negative control.
inline void expect_rejected(const gradcheck::CheckResult& r)
{
    const std::string why = why_not_rejected(r);
    record(r.label, gradcheck::name(r.oracle), Kind::control, why.empty(), measure(r));
    BOOST_TEST(why.empty(), "negative control not rejected for being wrong: "
                                << why << ": " << r.summary());
}

/// Asserts a verdict other than pass or exceeds-tolerance (all-zero, too many kinks),
/// recorded as a control: the checker refused the check for the stated reason.
inline void expect_verdict(const gradcheck::CheckResult& r, gradcheck::Verdict expected)
{
    const bool ok = r.verdict == expected;
    record(r.label, gradcheck::name(r.oracle), Kind::control, ok, measure(r));
    BOOST_TEST(ok, "expected verdict '" << gradcheck::describe(expected)
                                        << "': " << r.summary());
}

/// The oracles of one check: at least two, no one twice, so that a formula is never
/// judged by a single oracle nor an oracle counted as its own second opinion.
inline void require_two_oracles(const std::vector<gradcheck::Oracle>& oracles)
{
    const std::vector<gradcheck::Oracle>& list = oracles;
    for (std::size_t i = 0; i < list.size(); ++i)
        for (std::size_t j = i + 1; j < list.size(); ++j)
            if (list[i] == list[j])
                throw std::invalid_argument(std::string("oracle listed twice: ") +
                                            gradcheck::name(list[i]));
    if (list.size() < 2)
        throw std::invalid_argument("a formula needs at least two oracles");
}

/// Checks the gradient `analytic` of the scalar f at x against each oracle, recording
/// each.
template <class F>
void expect_gradient_verified(const std::string& label, const F& f,
                              const gradcheck::Vector& x,
                              const gradcheck::Vector& analytic,
                              const std::vector<gradcheck::Oracle>& oracles,
                              const gradcheck::CheckOptions& options = {})
{
    require_two_oracles(oracles);
    for (gradcheck::Oracle oracle : oracles)
        expect_verified(
            gradcheck::check_gradient(label, f, x, analytic, oracle, options));
}

/// Checks the Jacobian `analytic` of the map f at x against each oracle, recording
/// each.
template <class F>
void expect_jacobian_verified(const std::string& label, const F& f,
                              const gradcheck::Vector& x,
                              const gradcheck::Matrix& analytic,
                              const std::vector<gradcheck::Oracle>& oracles,
                              const gradcheck::CheckOptions& options = {})
{
    require_two_oracles(oracles);
    for (gradcheck::Oracle oracle : oracles)
        expect_verified(
            gradcheck::check_jacobian(label, f, x, analytic, oracle, options));
}

inline void expect_verified(const gradcheck::TaylorResult& r)
{
    const std::string text =
        r.at_round_off
            ? "remainder at round-off"
            : "slope " + gradcheck::format_number(r.slope) +
                  " (needs >= " + gradcheck::format_number(r.min_slope) + ")";
    record(r.label, "Taylor remainder", Kind::check, r.passed, text);
    BOOST_TEST(r.passed, r.summary());
}

inline void expect_rejected(const gradcheck::TaylorResult& r)
{
    // Rejected for being wrong: a slope fitted to enough remainders above round-off,
    // and below the mark. Too few points, round-off throughout or a NaN is no verdict.
    const bool fitted = !r.at_round_off && std::isfinite(r.slope);
    const bool rejected = fitted && !r.passed;
    record(r.label, "Taylor remainder", Kind::control, rejected,
           fitted ? "slope " + gradcheck::format_number(r.slope) +
                        " (needs >= " + gradcheck::format_number(r.min_slope) + ")"
                  : std::string("no slope fitted: ") + r.summary());
    BOOST_TEST(rejected,
               "negative control not rejected for being wrong: " << r.summary());
}

/// Asserts that the Taylor test gave no verdict (a NaN or an infinity, or too few
/// remainders above round-off to fit a slope), recorded as a control: it must
/// neither pass nor count as a rejection.
inline void expect_no_slope(const gradcheck::TaylorResult& r)
{
    const bool refused = !r.passed && !r.at_round_off && std::isnan(r.slope);
    record(r.label, "Taylor remainder", Kind::control, refused, r.summary());
    BOOST_TEST(refused, "expected the Taylor test to fit no slope: " << r.summary());
}

/// Asserts and records an identity that is not a derivative (two formulas that must
/// agree, a value that must stay finite): `error` is the measured discrepancy.
inline void expect_within(const std::string& label, const std::string& method,
                          double error, double bound)
{
    const bool ok = error <= bound; // false for NaN
    record(label, method, Kind::check, ok,
           "max error " + gradcheck::format_number(error) + " (allowed " +
               gradcheck::format_number(bound) + ")");
    BOOST_TEST(ok, label << " [" << method << "]: max error " << error << " exceeds "
                         << bound);
}

} // namespace verification
