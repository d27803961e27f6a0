// How a chapter program checks its hand-derived gradient before it uses it: against
// the two oracles every program uses, the central difference (a finite difference)
// and the complex step (exact to rounding), one printed line per oracle, and an error
// when a comparison fails. The tests verify each formula against the oracles at many
// points; this check is the program's own, at the point it is about to train from.
#pragma once

#include "gradcheck/gradcheck.hpp"

#include <array>
#include <cstdio>
#include <stdexcept>
#include <string>

namespace book {

/// The oracles of a program's check: one finite difference, one exact to rounding.
constexpr std::array<gradcheck::Oracle, 2> program_oracles{
    gradcheck::Oracle::central_difference, gradcheck::Oracle::complex_step};

/// How report_check() prints a check and what it calls a failure.
struct Report {
    std::string prefix; ///< printed before the oracle's name ("sigmoid"); empty: none
    bool kinks = false; ///< print how many coordinates were skipped at kinks
    bool refusal_is_error = true; ///< false: a refusal (too many kinks, both sides
                                  ///< zero) is printed as such, only a failed
                                  ///< comparison is an error
    std::string failure = "the hand-derived gradient failed its check";
};

/// Prints "  [PREFIX] ORACLE  worst |error| E  [N skipped at kinks]  VERDICT" for `r`;
/// throws std::runtime_error("FAILURE: " + r.summary()) when the comparison failed,
/// or when the checker refused and `how.refusal_is_error`.
inline void report_check(const gradcheck::CheckResult& r, const Report& how)
{
    std::string line = "  ";
    if (!how.prefix.empty()) {
        char prefix[64];
        std::snprintf(prefix, sizeof prefix, "%-8s ", how.prefix.c_str());
        line += prefix;
    }
    char body[160];
    std::snprintf(body, sizeof body, "%-20s worst |error| %-9s  ",
                  gradcheck::name(r.oracle),
                  gradcheck::format_number(r.comparison.abs_error).c_str());
    line += body;
    if (how.kinks)
        line += std::to_string(r.skipped) + " skipped at kinks  ";
    line += gradcheck::describe(r.verdict);
    std::printf("%s\n", line.c_str());
    const bool failed = r.verdict == gradcheck::Verdict::exceeds_tolerance ||
                        r.verdict == gradcheck::Verdict::not_finite;
    if (failed || (!r.passed() && how.refusal_is_error))
        throw std::runtime_error(how.failure + ": " + r.summary());
}

/// Checks `hand`, the gradient of the scalar function `f` at `p`, against both
/// program_oracles and reports each (report_check); `f` is a generic callable, as the
/// checker takes it. The label names the check in an error message.
template <class F>
void check_by_two_oracles(const std::string& label, const F& f,
                          const Eigen::VectorXd& p, const Eigen::VectorXd& hand,
                          const Report& how = {},
                          const gradcheck::CheckOptions& options = {})
{
    for (const gradcheck::Oracle oracle : program_oracles)
        report_check(gradcheck::check_gradient(label, f, p, hand, oracle, options),
                     how);
}

} // namespace book
