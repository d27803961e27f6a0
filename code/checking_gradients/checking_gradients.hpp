// The chapter "Checking gradients": the functions its text, program and tests
// measure the checker on. Each is templated on the scalar type, so the same forward
// code runs on double (finite differences), std::complex<double> (the complex step)
// and Eigen's AutoDiffScalar (forward-mode autodiff).
#pragma once

#include "gradcheck/gradcheck.hpp"

#include <algorithm>
#include <cmath>
#include <complex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace checking_gradients {

using gradcheck::Matrix;
using gradcheck::real_part;
using gradcheck::scalar_of;
using gradcheck::Vector;

// [gc_squire_trapp]
// f(x) = e^x / sqrt(sin(x)^3 + cos(x)^3), the test function of Squire and Trapp.
template <class T> T squire_trapp(const T& x)
{
    using std::cos, std::exp, std::sin, std::sqrt;
    const T s = sin(x);
    const T c = cos(x);
    return exp(x) / sqrt(s * s * s + c * c * c);
}
// [gc_squire_trapp]

// [gc_squire_trapp_derivative]
// f'(x) = f(x) (1 - 3 sin(x) cos(x) (sin(x) - cos(x)) / (2 g)), g = sin(x)^3 +
// cos(x)^3.
template <class T> T squire_trapp_derivative(const T& x)
{
    using std::cos, std::sin;
    const T s = sin(x);
    const T c = cos(x);
    const T g = s * s * s + c * c * c;
    return squire_trapp(x) * (T(1) - T(3) * s * c * (s - c) / (T(2) * g));
}
// [gc_squire_trapp_derivative]

/// f is defined where g = sin^3 + cos^3 = (sin + cos)(1 - sin cos) > 0, i.e. sin + cos
/// > 0.
inline void require_in_domain(double x)
{
    std::ostringstream text;
    text.precision(17);
    text << x;
    if (!std::isfinite(x))
        throw std::invalid_argument("x must be a finite number, got " + text.str());
    if (std::sin(x) + std::cos(x) <= 0.0)
        throw std::domain_error(
            "f is undefined at x = " + text.str() +
            ": sin(x)^3 + cos(x)^3 must be positive, i.e. x in (-pi/4, 3pi/4) mod 2pi");
}

/// The same f seen by the checker: a function of a vector with one coordinate.
inline const auto squire_trapp_of_vector = [](const auto& x) {
    return squire_trapp(x(0));
};

// [gc_step_errors]
// The relative error of each oracle's f'(x) at step h, against f' evaluated in
// long double. The checker takes relative steps (scaled by max(1, |x|)), so h is
// divided by that scale first: h is the step along x.
struct StepErrors {
    double h;
    double forward;
    double central;
    double complex_step;
};
// [gc_step_errors]

inline double relative_error(double numeric, long double exact)
{
    return static_cast<double>(
        std::abs((static_cast<long double>(numeric) - exact) / exact));
}

inline StepErrors step_errors(double x, double h)
{
    const Vector at = Vector::Constant(1, x);
    const double relative = h / std::max(1.0, std::abs(x));
    const auto exact = squire_trapp_derivative(static_cast<long double>(x));
    const auto& f = squire_trapp_of_vector;
    return {h,
            relative_error(
                gradcheck::forward_difference_jacobian(f, at, relative)(0, 0), exact),
            relative_error(
                gradcheck::central_difference_jacobian(f, at, relative)(0, 0), exact),
            relative_error(gradcheck::complex_step_jacobian(f, at, h)(0, 0), exact)};
}

/// The relative error of forward-mode autodiff, which takes no step at all.
inline double autodiff_error(double x)
{
    const Matrix jacobian =
        gradcheck::autodiff_jacobian(squire_trapp_of_vector, Vector::Constant(1, x));
    return relative_error(jacobian(0, 0),
                          squire_trapp_derivative(static_cast<long double>(x)));
}

/// The error model of the text: truncation plus round-off, where each computed
/// value of f is off by up to epsilon_f |f|: about eps for an f of a few operations,
/// half that for one correctly rounded operation (a test measures it). The derivatives
/// of f come from f' by central differences in long double: a few digits are all a
/// model needs.
struct ErrorModel {
    double f, d1, d2, d3;                          ///< |f|, |f'|, |f''|, |f'''| at x
    double epsilon_f = gradcheck::machine_epsilon; ///< relative error of a computed f

    double round_off() const { return epsilon_f * f; }
    // [gc_forward_error]
    double forward(double h) const { return (h * d2 / 2 + 2 * round_off() / h) / d1; }
    double forward_optimal_step() const { return 2 * std::sqrt(round_off() / d2); }
    // [gc_forward_error]
    // [gc_ex_forward_optimum]
    double forward_best_error() const { return 2 * std::sqrt(round_off() * d2) / d1; }
    // [gc_ex_forward_optimum]
    // [gc_central_error]
    double central(double h) const { return (h * h * d3 / 6 + round_off() / h) / d1; }
    double central_optimal_step() const { return std::cbrt(3 * round_off() / d3); }
    // [gc_central_error]
};

inline ErrorModel error_model(double x)
{
    using L = long double;
    const L d = 1e-4L;
    const L up = squire_trapp_derivative<L>(L(x) + d);
    const L mid = squire_trapp_derivative<L>(L(x));
    const L down = squire_trapp_derivative<L>(L(x) - d);
    return {std::abs(squire_trapp(x)), static_cast<double>(std::abs(mid)),
            static_cast<double>(std::abs((up - down) / (2 * d))),
            static_cast<double>(std::abs((up - 2 * mid + down) / (d * d)))};
}

// [gc_relu]
// ReLU with the book's convention at the kink: relu(0) takes the zero branch, so
// every oracle that follows the code (complex step, autodiff) reports ReLU'(0) = 0.
template <class T> T relu(const T& z)
{
    return real_part(z) > 0.0 ? z : T(0);
}
// [gc_relu]

/// J(x) = sum_i relu(x_i): the smallest loss with a kink in every coordinate.
inline const auto sum_relu = [](const auto& x) {
    using T = scalar_of<decltype(x)>;
    T sum(0);
    for (Eigen::Index i = 0; i < x.size(); ++i)
        sum += relu(x(i));
    return sum;
};

// [gc_relu_pattern]
// The kink pattern of sum_relu: which coordinates take the z branch.
inline std::vector<long> relu_pattern(const Vector& x)
{
    std::vector<long> mask(static_cast<std::size_t>(x.size()));
    for (Eigen::Index i = 0; i < x.size(); ++i)
        mask[static_cast<std::size_t>(i)] = x(i) > 0.0 ? 1 : 0;
    return mask;
}
// [gc_relu_pattern]

/// The index of the largest entry; a tie goes to the first (max routes the gradient
/// to one winner).
template <class V> Eigen::Index arg_max(const V& x)
{
    Eigen::Index k = 0;
    for (Eigen::Index i = 1; i < x.size(); ++i)
        if (real_part(x(i)) > real_part(x(k)))
            k = i;
    return k;
}

/// J(x) = max_i x_i + |x|^2 / 2: a kink wherever two entries tie for the maximum.
inline const auto max_plus_square = [](const auto& x) {
    using T = scalar_of<decltype(x)>;
    return T(T(x(arg_max(x))) + (x.array() * x.array()).sum() / T(2)); // evaluated here
};

/// The kink pattern of max_plus_square: the winner of the max.
inline std::vector<long> max_pattern(const Vector& x)
{
    return {static_cast<long>(arg_max(x))};
}

} // namespace checking_gradients
