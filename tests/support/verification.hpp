// What a test module uses to assert a check and, in the same step, record it for
// the book: every verified formula in the text shows, under it, the test, oracle,
// worst error and tolerance recorded here by this build's own test run.
//
// Records go to $BACKPROP_VERIFICATION_DIR (default: the build tree's
// verification/ folder) as one tab-separated file per test module.
#pragma once

#include "gradcheck/gradcheck.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#ifndef BACKPROP_VERIFICATION_DIR
#error "BACKPROP_VERIFICATION_DIR must name the folder for verification records"
#endif
#ifndef BACKPROP_TEST_MODULE_NAME
#error "BACKPROP_TEST_MODULE_NAME must name this test module"
#endif

namespace verification {

enum class Kind { check, control };

/// The record file of this module, emptied the first time this process writes.
inline std::ofstream& record_file()
{
    static std::ofstream file = [] {
        const char* env = std::getenv("BACKPROP_VERIFICATION_DIR");
        const std::filesystem::path dir =
            env != nullptr && *env != '\0' ? env : BACKPROP_VERIFICATION_DIR;
        std::filesystem::create_directories(dir);
        const auto path = dir / (std::string(BACKPROP_TEST_MODULE_NAME) + ".tsv");
        std::ofstream out(path, std::ios::trunc);
        if (!out)
            throw std::runtime_error("cannot write verification record " + path.string());
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

/// One record: label, test, method, kind (check/control), verdict, measured text.
inline void record(const std::string& label, const std::string& method, Kind kind, bool passed,
                   const std::string& measure)
{
    std::ofstream& out = record_file();
    out << label << '\t' << current_test() << '\t' << method << '\t'
        << (kind == Kind::check ? "check" : "control") << '\t' << (passed ? "pass" : "fail") << '\t'
        << measure << '\n';
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
    if (r.verdict != gradcheck::Verdict::pass && r.verdict != gradcheck::Verdict::exceeds_tolerance)
        text += ", " + std::string(gradcheck::describe(r.verdict));
    if (r.skipped > 0)
        text += ", " + std::to_string(r.skipped) + " of " + std::to_string(r.coordinates) +
                " coordinates skipped at kinks";
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

/// Asserts that a deliberately wrong formula is rejected because it is wrong: it
/// must exceed the tolerance, not slip through as an all-zero or kinked check.
inline void expect_rejected(const gradcheck::CheckResult& r)
{
    const bool rejected = r.verdict == gradcheck::Verdict::exceeds_tolerance;
    record(r.label, gradcheck::name(r.oracle), Kind::control, rejected, measure(r));
    BOOST_TEST(rejected, "negative control not rejected for being wrong: " << r.summary());
}

inline void expect_verified(const gradcheck::TaylorResult& r)
{
    const std::string text = r.at_round_off
                                 ? "remainder at round-off"
                                 : "slope " + gradcheck::format_number(r.slope) +
                                       " (needs >= " + gradcheck::format_number(r.min_slope) + ")";
    record(r.label, "Taylor remainder", Kind::check, r.passed, text);
    BOOST_TEST(r.passed, r.summary());
}

inline void expect_rejected(const gradcheck::TaylorResult& r)
{
    const bool rejected = !r.passed && !r.at_round_off;
    record(r.label, "Taylor remainder", Kind::control, rejected,
           "slope " + gradcheck::format_number(r.slope) +
               " (needs >= " + gradcheck::format_number(r.min_slope) + ")");
    BOOST_TEST(rejected, "negative control not rejected: " << r.summary());
}

/// Asserts and records an identity that is not a derivative (two formulas that must
/// agree, a value that must stay finite): `error` is the measured discrepancy.
inline void expect_within(const std::string& label, const std::string& method, double error,
                          double bound)
{
    const bool ok = error <= bound; // false for NaN
    record(label, method, Kind::check, ok,
           "max error " + gradcheck::format_number(error) + " (allowed " +
               gradcheck::format_number(bound) + ")");
    BOOST_TEST(ok, label << " [" << method << "]: max error " << error << " exceeds " << bound);
}

} // namespace verification
