// What a test module uses to assert a check and, in the same step, record it for
// the book: under each verified formula the text shows a box with one row per oracle
// and input (worst error, what is allowed), written by this build's own test run.
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
//
// Three kinds of record, each its own box in the book (docs/verification_report.cpp):
//   check       a formula verified: it must pass;
//   control     a negative control: a formula known to be wrong (or a check known to
//               prove nothing) that the checker must reject, for the stated reason;
//   blind_spot  a demonstration of what a check cannot see: a wrong formula that the
//               checker passes, as it must.
// The test says which kind each record is; a control or a blind spot also says, in a
// sentence a reader understands without the test's source, what is wrong with it.
//
// Every check compares two different code paths: the forward code, which the oracles
// differentiate, and the hand derivation. The helpers that take both as callables
// (expect_gradient_verified, expect_jacobian_verified and their _rejected and
// _blind_spot variants) refuse to compare a callable with itself; see
// detail::same_callable for what "itself" can and cannot mean in C++.
//
// A number the text quotes from a computation is recorded with quote() and appears in
// the text as \quote_NAME (docs/verification.md, "How to quote a number").
#pragma once

#include "gradcheck/gradcheck.hpp"

#include <boost/test/unit_test.hpp>

// After unit_test.hpp: these two are not complete on their own.
#include <boost/test/tree/traverse.hpp>
#include <boost/test/tree/visitor.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#ifndef BACKPROP_VERIFICATION_DIR
#error "BACKPROP_VERIFICATION_DIR must name the folder for verification records"
#endif
#ifndef BACKPROP_TEST_MODULE_NAME
#error "BACKPROP_TEST_MODULE_NAME must name this test module"
#endif

namespace verification {

enum class Kind { check, control, blind_spot };

inline const char* to_string(Kind kind)
{
    switch (kind) {
    case Kind::check:
        return "check";
    case Kind::control:
        return "control";
    case Kind::blind_spot:
        return "blind_spot";
    }
    return "unknown";
}

/// Where a formula is checked: the point, and the same point in the text's symbols,
/// short enough for a table cell ("θ = [0.3, −1.2, 2.1, 0.5, −0.7], one-hot y").
struct Input {
    gradcheck::Vector x;
    std::string description;
};

inline Input at(gradcheck::Vector x, std::string description)
{
    return {std::move(x), std::move(description)};
}

/// A short vector as the text writes it: "[0.3, −1.2, 2.1]", with minus signs.
inline std::string show(const gradcheck::Vector& v)
{
    std::string text = "[";
    for (Eigen::Index i = 0; i < v.size(); ++i) {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%g", std::abs(v(i)));
        text += (i > 0 ? ", " : "") + std::string(v(i) < 0.0 ? "\u2212" : "") + buffer;
    }
    return text + "]";
}

/// One row of a box: what checked, where, how close, against what allowance.
struct Row {
    std::string method;   ///< the oracle, or what was compared ("|sum of y_hat - 1|")
    std::string input;    ///< where, in the text's symbols; empty: the method says it
    std::string measured; ///< the worst error, or what was measured ("slope 2.01")
    std::string allowed;  ///< what the rule allows ("1e-06", ">= 1.8")
    std::string scale;    ///< set when measured and allowed are relative to this size
    std::string outcome;  ///< what the checker said: passed, rejected, refused
    std::string note;     ///< the worst entry, the sampling, skipped kinks, a refusal
};

/// True when the command line (or BOOST_TEST_RUN_FILTERS) selects some tests only: a
/// test case that runs by default is disabled for this run. (Not runtime_config::get(),
/// whose type check compares the address of a static that a clang-built module and the
/// gcc-built Boost.Test library each hold their own copy of: the mutation gate builds
/// with clang.)
inline bool partial_run()
{
    namespace ut = boost::unit_test;
    struct Disabled : ut::test_tree_visitor {
        bool found = false;
        void visit(const ut::test_case& unit) override
        {
            const bool by_default = unit.p_default_status != ut::test_unit::RS_DISABLED;
            found = found || (by_default && !unit.is_enabled());
        }
    } disabled;
    ut::traverse_test_tree(ut::framework::master_test_suite(), disabled, true);
    return disabled.found;
}

/// The columns of a record file, in order.
inline const char* record_header()
{
    return "label\ttest\tkind\tverdict\tmethod\tinput\tmeasured\tallowed\tscale\toutcom"
           "e\t"
           "note\tabout\n";
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
        out << record_header();
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

/// A field of a record: tabs and line breaks would split it, so they become spaces.
inline std::string field(std::string text)
{
    std::replace_if(
        text.begin(), text.end(),
        [](char c) { return c == '\t' || c == '\n' || c == '\r'; }, ' ');
    return text;
}

/// One record. `as_required` is true when the check behaved as its kind requires: a
/// check passed, a control was rejected, a blind spot's wrong formula passed. `about`
/// says, for a control or a blind spot, what is wrong with the formula.
inline void record(const std::string& label, Kind kind, bool as_required,
                   const Row& row, const std::string& about = {})
{
    BOOST_TEST(current_test_has_label(label),
               "the test case records '"
                   << label << "' but does not carry it: add *utf::label(\"" << label
                   << "\") so that --run_test=@" << label << " selects it");
    BOOST_TEST((kind == Kind::check || !about.empty()),
               label << ": a " << to_string(kind)
                     << " must say what is wrong with its formula, for the reader");
    std::ofstream& out = record_file();
    out << field(label) << '\t' << field(current_test()) << '\t' << to_string(kind)
        << '\t' << (as_required ? "pass" : "fail") << '\t' << field(row.method) << '\t'
        << field(row.input) << '\t' << field(row.measured) << '\t' << field(row.allowed)
        << '\t' << field(row.scale) << '\t' << field(row.outcome) << '\t'
        << field(row.note) << '\t' << field(about) << '\n';
    out.flush();
}

// ---------------------------------------------------------------------------
// Numbers the text quotes
// ---------------------------------------------------------------------------

/// True for a printf conversion of one double and nothing else: %f, %e, %g with an
/// optional precision (%.0f, %.3g). Anything else would be text the test typed.
inline bool is_number_format(const std::string& format)
{
    std::size_t i = 0;
    if (format.size() < 2 || format[i++] != '%')
        return false;
    if (format[i] == '.') {
        ++i;
        const std::size_t digits = i;
        while (i < format.size() &&
               std::isdigit(static_cast<unsigned char>(format[i])) != 0)
            ++i;
        if (i == digits || i - digits > 2)
            return false;
    }
    return i + 1 == format.size() &&
           (format[i] == 'f' || format[i] == 'e' || format[i] == 'g');
}

/// Records a number the text quotes as \quote_NAME, formatted by `format` (%f, %e or
/// %g with an optional precision). The name is letters, digits and '_'.
inline void quote(const std::string& name, double value, const std::string& format)
{
    const bool good_name =
        !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
        });
    if (!good_name)
        throw std::invalid_argument("quote: the name '" + name +
                                    "' must be letters, digits and '_'");
    if (!is_number_format(format))
        throw std::invalid_argument(
            "quote " + name + ": the format '" + format +
            "' must be %f, %e or %g with an optional precision");
    if (!std::isfinite(value))
        throw std::invalid_argument("quote " + name + ": the value is not finite");
    char text[64];
    std::snprintf(text, sizeof text, format.c_str(), value);
    std::ofstream& out = record_file();
    out << name << '\t' << field(current_test()) << "\tquote\tpass\t\t\t" << text
        << "\t\t\t\t\t\n";
    out.flush();
}

// ---------------------------------------------------------------------------
// Rows from the checker's results
// ---------------------------------------------------------------------------

/// Two significant digits: what a reader compares against an allowance.
inline std::string short_number(double value)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2g", value);
    return buffer;
}

/// What a refusal found, in a table cell.
inline const char* refusal(gradcheck::Verdict verdict)
{
    switch (verdict) {
    case gradcheck::Verdict::all_zero:
        return "both sides zero";
    case gradcheck::Verdict::not_finite:
        return "NaN or infinity";
    case gradcheck::Verdict::too_many_kinks:
        return "too many kinks";
    default:
        return gradcheck::describe(verdict);
    }
}

/// Whether the checker refused the comparison instead of judging the formula.
inline bool refused(gradcheck::Verdict verdict)
{
    return verdict != gradcheck::Verdict::pass &&
           verdict != gradcheck::Verdict::exceeds_tolerance;
}

/// The row of one check. Where the tolerance scales with the size of the derivative
/// (the relative part of atol + rtol * scale decides), the error and the allowance
/// are shown relative to that size, so 7.35e+04 at a scale of 1e+16 reads 7.3e-12.
inline Row row_of(const gradcheck::CheckResult& r, const std::string& input)
{
    Row row;
    row.method = gradcheck::name(r.oracle);
    row.input = input;
    row.outcome = r.passed() ? "passed" : refused(r.verdict) ? "refused" : "rejected";
    const gradcheck::Comparison& c = r.comparison;
    const gradcheck::Tolerance& tol = r.tolerance;
    // allowed = atol + rtol * scale, the scale being max(|a|, |n|) for an entry and
    // sum_i |u_i g_i| along a direction.
    const double scale = tol.rtol > 0.0 ? (c.allowed - tol.atol) / tol.rtol : 0.0;
    if (refused(r.verdict)) {
        row.measured = refusal(r.verdict);
        row.allowed = "-";
    } else if (std::isfinite(scale) && scale > 0.0 && tol.rtol * scale > tol.atol) {
        row.measured = short_number(c.abs_error / scale);
        row.allowed = short_number(c.allowed / scale);
        row.scale = short_number(scale);
    } else {
        row.measured = short_number(c.abs_error);
        row.allowed = short_number(c.allowed);
    }
    std::vector<std::string> notes;
    if (!r.where.empty())
        notes.push_back("worst at " + r.where);
    if (r.skipped > 0)
        notes.push_back(std::to_string(r.skipped) + " of " +
                        std::to_string(r.coordinates) +
                        " coordinates skipped at kinks");
    if (!r.sampling.empty()) // the rule of a directional check is in the box's legend
        notes.push_back(r.sampling.substr(0, r.sampling.find(", allowed atol")));
    for (const std::string& n : notes)
        row.note += (row.note.empty() ? "" : "; ") + n;
    return row;
}

inline Row row_of(const gradcheck::TaylorResult& r, const std::string& input)
{
    Row row;
    row.method = "Taylor remainder";
    row.input = input;
    row.outcome = r.passed ? "passed" : "rejected";
    if (r.at_round_off) {
        row.measured = "remainder at round-off";
        row.allowed = "-";
    } else if (std::isnan(r.slope)) {
        row.measured = "no slope";
        row.allowed = ">= " + short_number(r.min_slope);
        row.outcome = "refused";
        row.note = "fewer than 3 remainders above round-off, or a NaN";
    } else {
        row.measured = "slope " + short_number(r.slope);
        row.allowed = ">= " + short_number(r.min_slope);
    }
    return row;
}

// ---------------------------------------------------------------------------
// Results the test computed itself (the checker's own tests: kinks, directions,
// subsets, the Taylor test, refusals). These cannot see the two sides of the check:
// the test that computed the result is responsible for their independence.
// ---------------------------------------------------------------------------

/// Asserts that the analytic derivative passed its check, and records it.
inline void expect_verified(const gradcheck::CheckResult& r, const std::string& input)
{
    record(r.label, Kind::check, r.passed(), row_of(r, input));
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
/// records it as a negative control; `about` says what is wrong with it.
inline void expect_rejected(const gradcheck::CheckResult& r, const std::string& input,
                            const std::string& about)
{
    const std::string why = why_not_rejected(r);
    record(r.label, Kind::control, why.empty(), row_of(r, input), about);
    BOOST_TEST(why.empty(), "negative control not rejected for being wrong: "
                                << why << ": " << r.summary());
}

/// Asserts that a wrong formula passes a check that cannot see its mistake, and
/// records it as a blind spot; `about` says what is wrong and why it is not seen.
inline void expect_blind_spot(const gradcheck::CheckResult& r, const std::string& input,
                              const std::string& about)
{
    record(r.label, Kind::blind_spot, r.passed(), row_of(r, input), about);
    BOOST_TEST(r.passed(), "the blind spot was not blind, the checker saw the "
                           "mistake: "
                               << r.summary());
}

/// Asserts a verdict other than pass or exceeds-tolerance (all-zero, too many kinks),
/// recorded as a control: the checker refused the check for the stated reason.
inline void expect_verdict(const gradcheck::CheckResult& r, gradcheck::Verdict expected,
                           const std::string& input, const std::string& about)
{
    const bool ok = r.verdict == expected;
    record(r.label, Kind::control, ok, row_of(r, input), about);
    BOOST_TEST(ok, "expected verdict '" << gradcheck::describe(expected)
                                        << "': " << r.summary());
}

inline void expect_verified(const gradcheck::TaylorResult& r, const std::string& input)
{
    record(r.label, Kind::check, r.passed, row_of(r, input));
    BOOST_TEST(r.passed, r.summary());
}

inline void expect_rejected(const gradcheck::TaylorResult& r, const std::string& input,
                            const std::string& about)
{
    // Rejected for being wrong: a slope fitted to enough remainders above round-off,
    // and below the mark. Too few points, round-off throughout or a NaN is no verdict.
    const bool fitted = !r.at_round_off && std::isfinite(r.slope);
    const bool rejected = fitted && !r.passed;
    record(r.label, Kind::control, rejected, row_of(r, input), about);
    BOOST_TEST(rejected,
               "negative control not rejected for being wrong: " << r.summary());
}

inline void expect_blind_spot(const gradcheck::TaylorResult& r,
                              const std::string& input, const std::string& about)
{
    record(r.label, Kind::blind_spot, r.passed, row_of(r, input), about);
    BOOST_TEST(r.passed, "the blind spot was not blind: " << r.summary());
}

/// Asserts that the Taylor test gave no verdict (a NaN or an infinity, or too few
/// remainders above round-off to fit a slope), recorded as a control: it must
/// neither pass nor count as a rejection.
inline void expect_no_slope(const gradcheck::TaylorResult& r, const std::string& input,
                            const std::string& about)
{
    const bool no_slope = !r.passed && !r.at_round_off && std::isnan(r.slope);
    record(r.label, Kind::control, no_slope, row_of(r, input), about);
    BOOST_TEST(no_slope, "expected the Taylor test to fit no slope: " << r.summary());
}

/// Asserts and records an identity that is not a derivative (two formulas that must
/// agree, a value that must stay finite): `error` is the measured discrepancy.
inline void expect_within(const std::string& label, const std::string& method,
                          double error, double bound)
{
    const bool ok = error <= bound; // false for NaN
    Row row;
    row.method = method;
    row.measured = short_number(error);
    row.allowed = short_number(bound);
    row.outcome = ok ? "passed" : "rejected";
    record(label, Kind::check, ok, row);
    BOOST_TEST(ok, label << " [" << method << "]: max error " << error << " exceeds "
                         << bound);
}

// ---------------------------------------------------------------------------
// Formulas: the forward code f and the hand derivation, two callables
// ---------------------------------------------------------------------------

namespace detail {

template <class T> struct is_std_function : std::false_type {
};
template <class R, class... A>
struct is_std_function<std::function<R(A...)>> : std::true_type {
};

/// True when f and g are the same code, as far as C++ lets a helper see:
/// - the same object (one address, whatever the types say);
/// - the same closure type: each lambda expression has a type of its own, so two
///   lambdas of one type come from one expression (copies of it, or one factory such
///   as loss_for(y) called twice), which computes one thing, not a function and its
///   derivative; so are two objects of one function-object class;
/// - two function pointers to the same function; two std::function holding callables
///   of the same type.
/// What it cannot see: a derivative callable that calls f, or an oracle, inside its
/// body (a lambda wrapping gradcheck::numerical_jacobian is a different type); two
/// different lambdas with the same body; nor a result the test computed itself and
/// handed to the result-level helpers (expect_verified(CheckResult) and the others,
/// which the checker's own tests use). Those are for review and the mutation gate:
/// breaking the formula's code must fail its tests, which a check of f against
/// itself never does.
template <class F, class G> bool same_callable(const F& f, const G& g)
{
    if constexpr (std::is_same_v<F, G>) {
        if constexpr (std::is_function_v<F>)
            return &f == &g; // one function, passed by name
        else if constexpr (std::is_pointer_v<F>)
            return f == g;
        else if constexpr (is_std_function<F>::value)
            return f.target_type() == g.target_type();
        else
            return true; // one closure type: one lambda expression, or one class
    } else if constexpr (std::is_function_v<F> || std::is_function_v<G>) {
        return false;
    } else {
        // One object seen through two types (a class and its base).
        return static_cast<const void*>(std::addressof(f)) ==
               static_cast<const void*>(std::addressof(g));
    }
}

/// Refuses a check of a callable against itself, naming the label.
template <class F, class G>
void require_two_sides(const std::string& label, const F& f, const G& derivative)
{
    if (same_callable(f, derivative))
        throw std::invalid_argument(
            label +
            ": the hand-derived side is the function the oracles differentiate "
            "(the same callable): a check must compare two different code paths");
}

/// The distinct oracles of a verified formula: at least two, no one twice, so that a
/// formula is never judged by a single oracle nor an oracle counted as its own
/// second opinion. A control or a blind spot needs one at least.
inline void require_oracles(const std::string& label,
                            const std::vector<gradcheck::Oracle>& oracles,
                            std::size_t at_least)
{
    for (std::size_t i = 0; i < oracles.size(); ++i)
        for (std::size_t j = i + 1; j < oracles.size(); ++j)
            if (oracles[i] == oracles[j])
                throw std::invalid_argument(
                    label + ": oracle listed twice: " + gradcheck::name(oracles[i]));
    if (oracles.size() < at_least)
        throw std::invalid_argument(
            label + (at_least == 2 ? ": a formula needs at least two oracles"
                                   : ": a check needs an oracle"));
}

/// The two rules of a check of a formula: two sides, and enough distinct oracles.
template <class F, class G>
void require_check(const std::string& label, const F& f, const G& derivative,
                   const std::vector<gradcheck::Oracle>& oracles, std::size_t at_least)
{
    require_two_sides(label, f, derivative);
    require_oracles(label, oracles, at_least);
}

enum class Expect { verified, rejected, blind_spot };

/// The one loop behind the five helpers below: refuses a check of a callable against
/// itself (and too few oracles), then checks the gradient (or, with `jacobian`, the
/// Jacobian) that `side` computes at `at.x` against each oracle and records each
/// verdict as `expect` requires. The check proper is compiled only for two different
/// types (`if constexpr`), so that a refused call still compiles and fails at run
/// time, naming its label.
template <bool jacobian, Expect expect, class F, class G>
void expect_formula(const std::string& label, const std::string& about, const F& f,
                    const G& side, const Input& at,
                    const std::vector<gradcheck::Oracle>& oracles,
                    const gradcheck::CheckOptions& options)
{
    require_check(label, f, side, oracles, expect == Expect::verified ? 2 : 1);
    if constexpr (!std::is_same_v<F, G>) {
        using Analytic =
            std::conditional_t<jacobian, gradcheck::Matrix, gradcheck::Vector>;
        const Analytic analytic = side(at.x);
        for (gradcheck::Oracle oracle : oracles) {
            const gradcheck::CheckResult r = [&] {
                if constexpr (jacobian)
                    return gradcheck::check_jacobian(label, f, at.x, analytic, oracle,
                                                     options);
                else
                    return gradcheck::check_gradient(label, f, at.x, analytic, oracle,
                                                     options);
            }();
            if constexpr (expect == Expect::verified)
                expect_verified(r, at.description);
            else if constexpr (expect == Expect::rejected)
                expect_rejected(r, at.description, about);
            else
                expect_blind_spot(r, at.description, about);
        }
    }
}

} // namespace detail

/// The gradient of the scalar f at `at.x`, as the hand-derived `grad_f` computes it,
/// against each oracle (two at least), recording each. f runs on double, complex and
/// dual vectors; grad_f on the double vector x and returns a column.
template <class F, class G>
void expect_gradient_verified(const std::string& label, const F& f, const G& grad_f,
                              const Input& at,
                              const std::vector<gradcheck::Oracle>& oracles,
                              const gradcheck::CheckOptions& options = {})
{
    detail::expect_formula<false, detail::Expect::verified>(label, "", f, grad_f, at,
                                                            oracles, options);
}

/// The Jacobian of the map f at `at.x`, as the hand-derived `jacobian_f` computes it,
/// against each oracle (two at least), recording each.
template <class F, class G>
void expect_jacobian_verified(const std::string& label, const F& f, const G& jacobian_f,
                              const Input& at,
                              const std::vector<gradcheck::Oracle>& oracles,
                              const gradcheck::CheckOptions& options = {})
{
    detail::expect_formula<true, detail::Expect::verified>(label, "", f, jacobian_f, at,
                                                           oracles, options);
}

/// A negative control: the wrong gradient `wrong_f` of f must be rejected, for being
/// wrong, by each listed oracle (one at least); `about` says what is wrong with it.
template <class F, class G>
void expect_gradient_rejected(const std::string& label, const std::string& about,
                              const F& f, const G& wrong_f, const Input& at,
                              const std::vector<gradcheck::Oracle>& oracles,
                              const gradcheck::CheckOptions& options = {})
{
    detail::expect_formula<false, detail::Expect::rejected>(label, about, f, wrong_f,
                                                            at, oracles, options);
}

/// A negative control for a Jacobian: see expect_gradient_rejected.
template <class F, class G>
void expect_jacobian_rejected(const std::string& label, const std::string& about,
                              const F& f, const G& wrong_f, const Input& at,
                              const std::vector<gradcheck::Oracle>& oracles,
                              const gradcheck::CheckOptions& options = {})
{
    detail::expect_formula<true, detail::Expect::rejected>(label, about, f, wrong_f, at,
                                                           oracles, options);
}

/// A blind spot: the wrong gradient `wrong_f` of f passes each listed oracle, as the
/// text says it must; `about` says what is wrong and why the check cannot see it.
template <class F, class G>
void expect_gradient_blind_spot(const std::string& label, const std::string& about,
                                const F& f, const G& wrong_f, const Input& at,
                                const std::vector<gradcheck::Oracle>& oracles,
                                const gradcheck::CheckOptions& options = {})
{
    detail::expect_formula<false, detail::Expect::blind_spot>(label, about, f, wrong_f,
                                                              at, oracles, options);
}

} // namespace verification
