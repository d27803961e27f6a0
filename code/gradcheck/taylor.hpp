// The step-free Taylor-remainder test. For a smooth scalar f with gradient g,
//     r(eps) = | f(x + eps u) - f(x) - eps u^T g |  =  O(eps^2),
// while any wrong g leaves a first-order term, r(eps) = O(eps). The slope of
// log r against log eps tells the two apart without choosing a tolerance on the
// gradient's entries.
#pragma once

#include "compare.hpp"
#include "oracles.hpp"
#include "slope.hpp"

#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace gradcheck {

struct TaylorResult {
    std::string label;
    std::vector<double> eps;       ///< the step lengths, halving
    std::vector<double> remainder; ///< r(eps) for each
    double slope = 0.0;     ///< least-squares slope of log r against log eps; NaN: none
    int points = 0;         ///< remainders above round-off, the points of the fit
    double min_slope = 1.8; ///< what a second-order remainder must reach
    bool at_round_off =
        false; ///< r(eps) never rose above round-off: f is linear along u
    bool passed = false;

    std::string summary() const
    {
        std::ostringstream out;
        out << label << " [Taylor remainder]: ";
        if (at_round_off)
            out << "remainder at round-off for every step (f is linear along u)";
        else if (std::isnan(slope))
            out << "no slope: " << points
                << " remainders above round-off (a fit needs 3), or a NaN or infinity";
        else
            out << "slope " << format_number(slope)
                << " (needs >= " << format_number(min_slope)
                << "; a wrong gradient gives 1)";
        return out.str();
    }
};

/// Runs the test along direction u for eps = 2^-4, 2^-5, ..., 2^-(3+steps).
template <class F>
TaylorResult taylor_check(std::string label, const F& f, const Vector& x,
                          const Vector& gradient, const Vector& u, int steps = 10)
{
    if (x.size() != gradient.size() || x.size() != u.size())
        throw std::invalid_argument(
            "taylor_check: x, gradient and direction differ in size");
    TaylorResult result;
    result.label = std::move(label);
    const double fx = detail::evaluate<F, double>(f, x)(0);
    const double directional = u.dot(gradient);
    // Below this a remainder is indistinguishable from the rounding of f itself.
    const double round_off = 64.0 * machine_epsilon * (1.0 + std::abs(fx));
    std::vector<double> kept_eps; // the steps whose remainder rose above round-off
    std::vector<double> kept_r;
    for (int k = 0; k < steps; ++k) {
        const double eps = std::ldexp(1.0, -4 - k);
        // [gc_taylor]
        const Vector moved = x + eps * u;
        const double r =
            std::abs(detail::evaluate<F, double>(f, moved)(0) - fx - eps * directional);
        // [gc_taylor]
        result.eps.push_back(eps);
        result.remainder.push_back(r);
        if (!std::isfinite(r)) { // a NaN or infinite gradient or f: no slope, no pass
            result.slope = std::numeric_limits<double>::quiet_NaN();
            return result;
        }
        if (r > round_off) {
            kept_eps.push_back(eps);
            kept_r.push_back(r);
        }
    }
    result.points = static_cast<int>(kept_eps.size());
    if (kept_eps.size() < 3) {
        // None above round-off: f is linear along u and g is right to round-off. One or
        // two: too few to tell slope 1 from slope 2, so no verdict either way.
        result.at_round_off = kept_eps.empty();
        result.passed = result.at_round_off;
        if (!result.at_round_off)
            result.slope = std::numeric_limits<double>::quiet_NaN();
        return result;
    }
    result.slope = log_log_slope(kept_eps, kept_r);
    result.passed = result.slope >= result.min_slope;
    return result;
}

} // namespace gradcheck
