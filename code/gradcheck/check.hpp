// A gradient check: an analytic derivative against one numerical oracle, with the
// verdict and everything the book prints about it (equation label, oracle, worst
// error, tolerance, skipped coordinates).
#pragma once

#include "compare.hpp"
#include "oracles.hpp"

#include <functional>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace gradcheck {

/// Default tolerances in double precision (the chapter "Checking gradients" derives
/// them). Central differences at h = cbrt(eps) are accurate to about eps^(2/3)
/// ~ 4e-11 relative; the complex step and autodiff to a few ulps.
inline Tolerance default_tolerance(Oracle oracle)
{
    switch (oracle) {
    case Oracle::forward_difference:
        return {1e-6, 1e-5};
    case Oracle::central_difference:
        return {1e-8, 1e-6};
    case Oracle::complex_step:
    case Oracle::autodiff:
        return {1e-13, 1e-12};
    }
    return {0.0, 0.0};
}

/// The discrete state of a non-smooth function at x: the ReLU mask, the arg-max of
/// a max, the winner of each pooling window. A finite difference is only valid when
/// x - h e_i and x + h e_i have the same pattern as x.
using KinkPattern = std::function<std::vector<long>(const Vector&)>;

enum class Verdict {
    pass,
    exceeds_tolerance, ///< some entry is further from the oracle than allowed
    all_zero,          ///< both sides are zero everywhere: the check proves nothing
    too_many_kinks,    ///< too many coordinates straddled a kink to be skipped
    not_finite,        ///< a NaN or an infinity on either side: nothing to compare
};

inline const char* describe(Verdict verdict)
{
    switch (verdict) {
    case Verdict::pass:
        return "pass";
    case Verdict::exceeds_tolerance:
        return "exceeds tolerance";
    case Verdict::all_zero:
        return "both sides zero everywhere (proves nothing)";
    case Verdict::too_many_kinks:
        return "too many coordinates straddle a kink";
    case Verdict::not_finite:
        return "an entry is NaN or infinite";
    }
    return "unknown";
}

inline std::ostream& operator<<(std::ostream& out, Verdict verdict)
{
    return out << describe(verdict);
}

struct CheckOptions {
    std::optional<Tolerance> tolerance; ///< unset: default_tolerance(oracle)
    double step = 0.0;                  ///< relative step; 0: the oracle's default
    KinkPattern kink_pattern;           ///< unset: the function is smooth around x
    double max_skipped_fraction = 0.25; ///< of the coordinates, before the check fails
};

struct CheckResult {
    std::string label; ///< the equation this check verifies
    Oracle oracle = Oracle::central_difference;
    Tolerance tolerance{0.0, 0.0};
    Comparison comparison;
    Eigen::Index coordinates = 0; ///< n, the number of inputs
    Eigen::Index skipped = 0;     ///< inputs left out because x +- h straddles a kink
    Verdict verdict = Verdict::pass;
    std::string where; ///< the worst entry by name ("W2(3,1)", "u_2"); empty: (row,col)
    std::string sampling; ///< what a sampled check looked at ("3 directions, seed 7")

    bool passed() const { return verdict == Verdict::pass; }

    /// One line: what was checked, by what, how close, and why it failed if it did.
    std::string summary() const
    {
        const Comparison& c = comparison;
        std::ostringstream out;
        out << label << " [" << name(oracle) << "]: " << describe(verdict)
            << "; worst entry ";
        if (where.empty())
            out << "(" << c.row << "," << c.col << ")";
        else
            out << where;
        out << " analytic " << format_number(c.analytic) << " vs numeric "
            << format_number(c.numeric) << ", |diff| " << format_number(c.abs_error)
            << " (allowed " << format_number(c.allowed) << "; " << to_string(tolerance)
            << ")";
        if (skipped > 0)
            out << "; " << skipped << " of " << coordinates
                << " coordinates skipped at kinks";
        if (!sampling.empty())
            out << "; " << sampling;
        return out.str();
    }
};

/// The verdict on a comparison, the first rule that applies deciding: a check with
/// too many coordinates at kinks, with a NaN or an infinity, or with both sides zero
/// everywhere proves nothing, whatever its errors; only then do the errors decide.
inline Verdict verdict_of(const Comparison& c, Eigen::Index skipped,
                          Eigen::Index coordinates, double max_skipped_fraction)
{
    // [gc_verdict]
    if (static_cast<double>(skipped) >
        max_skipped_fraction * static_cast<double>(coordinates))
        return Verdict::too_many_kinks;
    if (!c.finite)
        return Verdict::not_finite;
    if (c.all_zero)
        return Verdict::all_zero;
    if (!c.within_tolerance)
        return Verdict::exceeds_tolerance;
    return Verdict::pass;
    // [gc_verdict]
}

namespace detail {

/// Marks every coordinate i (of those listed) whose step x +- h e_i changes the kink
/// pattern; skip is indexed by coordinate.
inline std::vector<bool> straddled_kinks(const KinkPattern& pattern, const Vector& x,
                                         double relative_step,
                                         const std::vector<Eigen::Index>& columns)
{
    std::vector<bool> skip(static_cast<std::size_t>(x.size()), false);
    if (!pattern)
        return skip;
    const std::vector<long> at_x = pattern(x);
    Vector moved = x;
    for (Eigen::Index i : columns) {
        // [gc_kink]
        const double h = coordinate_step(relative_step, x(i));
        moved(i) = x(i) + h;
        const bool changed_up = pattern(moved) != at_x;
        moved(i) = x(i) - h;
        const bool changed_down = pattern(moved) != at_x;
        moved(i) = x(i);
        skip[static_cast<std::size_t>(i)] = changed_up || changed_down;
        // [gc_kink]
    }
    return skip;
}

} // namespace detail

/// Checks the listed columns of f's Jacobian at x against one oracle: column k of
/// `analytic` is the derivative along x_i, i = columns[k].
template <class F>
CheckResult check_columns(std::string label, const F& f, const Vector& x,
                          const Matrix& analytic,
                          const std::vector<Eigen::Index>& columns, Oracle oracle,
                          const CheckOptions& options = {})
{
    CheckResult result;
    result.label = std::move(label);
    result.oracle = oracle;
    result.tolerance = options.tolerance.value_or(default_tolerance(oracle));
    result.coordinates = static_cast<Eigen::Index>(columns.size());

    const double step = options.step > 0.0 ? options.step : default_step(oracle);
    // A finite difference straddles a kink when x +- h lie on different branches.
    // The infinitesimal oracles (complex step, autodiff) never leave x and follow
    // whichever branch the forward code takes there: at or very near a kink they
    // would agree with an analytic gradient written with the same convention, which
    // proves nothing. So every oracle skips the coordinates within a central step
    // of a kink, and all of them report the same count.
    const double probe =
        (oracle == Oracle::central_difference || oracle == Oracle::forward_difference)
            ? step
            : default_step(Oracle::central_difference);
    const std::vector<bool> skip_x =
        detail::straddled_kinks(options.kink_pattern, x, probe, columns);
    std::vector<bool> skip; // by column of `analytic`
    skip.reserve(columns.size());
    for (Eigen::Index i : columns)
        skip.push_back(skip_x[static_cast<std::size_t>(i)]);
    for (bool s : skip)
        result.skipped += s ? 1 : 0;

    const Matrix numeric = numerical_columns(oracle, f, x, columns, step);
    result.comparison = compare(analytic, numeric, result.tolerance, skip);

    result.verdict = verdict_of(result.comparison, result.skipped, result.coordinates,
                                options.max_skipped_fraction);
    return result;
}

/// Checks the m x n Jacobian `analytic` of f at x against one oracle.
/// A scalar loss has a 1 x n Jacobian: use check_gradient.
template <class F>
CheckResult check_jacobian(std::string label, const F& f, const Vector& x,
                           const Matrix& analytic, Oracle oracle,
                           const CheckOptions& options = {})
{
    return check_columns(std::move(label), f, x, analytic, all_columns(x.size()),
                         oracle, options);
}

/// Checks the gradient `analytic` (a column, one entry per input) of a scalar f.
template <class F>
CheckResult check_gradient(std::string label, const F& f, const Vector& x,
                           const Vector& analytic, Oracle oracle,
                           const CheckOptions& options = {})
{
    return check_jacobian(std::move(label), f, x, Matrix(analytic.transpose()), oracle,
                          options);
}

} // namespace gradcheck
