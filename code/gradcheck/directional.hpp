// Directional checks: the derivative of a scalar f along k random directions u,
//     d/dt f(x + t u) at t = 0  =  u^T grad f(x),
// computed by an oracle from the forward code and compared with u^T g from the
// hand-derived gradient g. Each direction costs one or two forward passes whatever
// the number n of parameters, where a full Jacobian costs n of them.
#pragma once

#include "check.hpp"

#include <cmath>
#include <cstdint>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>

namespace gradcheck {

/// A dual number with a single derivative, held in a fixed 1-vector: no heap
/// allocation per operation, unlike Dual's dynamic derivative vector.
using Dual1 = Eigen::AutoDiffScalar<Eigen::Matrix<double, 1, 1>>;

/// k directions as the columns of an n x k matrix, entries uniform on [-1, 1).
/// The numbers are made here from the raw draws of std::mt19937_64, whose sequence
/// the C++ standard fixes, so every standard library gives the same directions
/// (std::uniform_real_distribution and std::normal_distribution would not).
inline Matrix random_directions(Eigen::Index n, int k, std::uint64_t seed)
{
    std::mt19937_64 draw(seed);
    Matrix u(n, k);
    for (Eigen::Index j = 0; j < k; ++j) {
        for (Eigen::Index i = 0; i < n; ++i) {
            // [gc_random_direction]
            // The top 53 bits of a draw times 2^-52 lie on [0, 2) in exact steps of
            // 2^-52.
            u(i, j) = static_cast<double>(draw() >> 11U) * 0x1p-52 - 1.0;
            // [gc_random_direction]
        }
    }
    return u;
}

/// The largest power of two not above a positive h: multiplying by it is exact.
inline double power_of_two_below(double h)
{
    return std::ldexp(1.0, std::ilogb(h));
}

/// The step eta along u taken by a difference. Along e_i it is the coordinate step,
/// relative to max(1, |x_i|); along any u it is relative to the size of x seen
/// through u, sqrt(sum u_i^2 x_i^2 / sum u_i^2), and the coordinate that u moves most
/// moves by that much. Rounded to a power of two, so that eta * u is exact.
inline double direction_step(double relative_step, const Vector& x, const Vector& u)
{
    if (u.size() != x.size() || u.cwiseAbs().maxCoeff() == 0.0)
        throw std::invalid_argument(
            "gradcheck: the direction u must be non-zero and as long as x");
    // [gc_direction_step]
    const double size = std::sqrt(u.cwiseProduct(x).squaredNorm() / u.squaredNorm());
    const double eta = relative_step * std::max(1.0, size) / u.cwiseAbs().maxCoeff();
    return power_of_two_below(eta);
    // [gc_direction_step]
}

/// A derivative along a direction, as an oracle measured it, and the direction it
/// was measured along: u itself, or, for a difference, the direction actually
/// travelled once x +- eta u were rounded to doubles (as coordinate_step does).
struct Measured {
    double derivative = 0.0;
    Vector direction;
};

namespace detail {

template <class F, class T> T scalar_value(const F& f, const VectorT<T>& x)
{
    const VectorT<T> value = evaluate<F, T>(f, x);
    if (value.size() != 1)
        throw std::invalid_argument(
            "gradcheck: a directional check needs a scalar f, got " +
            std::to_string(value.size()) + " outputs");
    return value(0);
}

} // namespace detail

/// Central difference along u: two forward passes.
template <class F>
Measured central_difference_along(const F& f, const Vector& x, const Vector& u,
                                  double relative_step)
{
    // [gc_directional_central]
    const double eta = direction_step(relative_step, x, u);
    const Vector xp = x + eta * u; // rounded to doubles: not exactly eta u away from x
    const Vector xm = x - eta * u;
    const double difference = detail::scalar_value(f, xp) - detail::scalar_value(f, xm);
    return {difference / (2 * eta), (xp - xm) / (2 * eta)};
    // [gc_directional_central]
}

/// Forward difference along u: one forward pass besides f(x).
template <class F>
Measured forward_difference_along(const F& f, const Vector& x, const Vector& u,
                                  double relative_step)
{
    const double eta = direction_step(relative_step, x, u);
    const Vector xp = x + eta * u;
    const double difference = detail::scalar_value(f, xp) - detail::scalar_value(f, x);
    return {difference / eta, (xp - x) / eta};
}

/// Complex step along u: one complex forward pass, Im f(x + i h u) / h.
template <class F>
Measured complex_step_along(const F& f, const Vector& x, const Vector& u, double step)
{
    // [gc_directional_complex_step]
    const double h = power_of_two_below(step); // so that h u is exact
    VectorT<Complex> xc(x.size());
    xc.real() = x;
    xc.imag() = h * u;
    return {detail::scalar_value(f, xc).imag() / h, u};
    // [gc_directional_complex_step]
}

/// Forward-mode autodiff along u: x_i carries the single derivative u_i.
template <class F> Measured autodiff_along(const F& f, const Vector& x, const Vector& u)
{
    // [gc_directional_autodiff]
    VectorT<Dual1> xd(x.size());
    for (Eigen::Index i = 0; i < x.size(); ++i)
        xd(i) = Dual1(x(i), Eigen::Matrix<double, 1, 1>(u(i)));
    return {detail::scalar_value(f, xd).derivatives()(0), u};
    // [gc_directional_autodiff]
}

/// The derivative along u by the named oracle; step 0 means that oracle's default.
template <class F>
Measured derivative_along(Oracle oracle, const F& f, const Vector& x, const Vector& u,
                          double step = 0.0)
{
    const double h = step > 0.0 ? step : default_step(oracle);
    switch (oracle) {
    case Oracle::forward_difference:
        return forward_difference_along(f, x, u, h);
    case Oracle::central_difference:
        return central_difference_along(f, x, u, h);
    case Oracle::complex_step:
        return complex_step_along(f, x, u, h);
    case Oracle::autodiff:
        return autodiff_along(f, x, u);
    }
    throw std::invalid_argument("gradcheck: unknown oracle");
}

/// Checks the gradient g of a scalar f at x along `count` random directions drawn
/// from `seed`. The tolerance is the oracle's, applied as
///     |u^T g - oracle| <= atol + rtol * sum_i |u_i g_i|
/// (see the chapter "Checking gradients", section "Checks that scale"): the rounding
/// of u^T g, and of the oracle, which adds up the same contributions u_i g_i through
/// the forward code, scales with the sum of their sizes, not with |u^T g|, which can
/// cancel to nothing. Fails when any direction fails.
template <class F>
CheckResult check_directional(std::string label, const F& f, const Vector& x,
                              const Vector& g, Oracle oracle, int count = 3,
                              std::uint64_t seed = 1, const CheckOptions& options = {})
{
    if (x.size() == 0 || g.size() != x.size() || count < 1)
        throw std::invalid_argument(
            "gradcheck: a directional check needs a non-empty x, a "
            "gradient as long as x and at least one direction; got " +
            std::to_string(x.size()) + ", " + std::to_string(g.size()) + " and " +
            std::to_string(count));
    if (options.kink_pattern)
        throw std::invalid_argument(
            "gradcheck: a direction moves every coordinate at once, so "
            "it cannot skip the kinked ones; use check_coordinates");
    CheckResult result;
    result.label = std::move(label);
    result.oracle = oracle;
    result.tolerance = options.tolerance.value_or(default_tolerance(oracle));
    result.coordinates = x.size();
    const Tolerance tol = result.tolerance;

    const Matrix directions = random_directions(x.size(), count, seed);
    detail::WorstEntry worst;
    for (Eigen::Index j = 0; j < count; ++j) {
        const Measured m =
            derivative_along(oracle, f, x, directions.col(j), options.step);
        // [gc_directional]
        const Vector& u = m.direction;
        const double a = u.dot(g); // u^T g, by the hand gradient
        const double size = u.cwiseProduct(g).cwiseAbs().sum(); // sum_i |u_i g_i|
        const double error = std::abs(a - m.derivative);
        const double allowed = tol.atol + tol.rtol * size;
        // [gc_directional]
        worst.add(0, j, a, m.derivative, error, allowed);
    }
    result.comparison = worst.result();
    result.verdict = verdict_of(result.comparison, 0, count, 0.0);
    result.where = "u" + std::to_string(result.comparison.col + 1);
    result.sampling = std::to_string(count) +
                      (count == 1 ? " random direction" : " random directions") +
                      " (seed " + std::to_string(seed) +
                      "), allowed atol + rtol sum |u_i g_i|";
    return result;
}

} // namespace gradcheck
