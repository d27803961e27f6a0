// Numerical oracles: Jacobians of a function computed without any hand-derived
// derivative, only from the forward code.
//
// A function here is a generic callable f(x) taking Eigen::Matrix<T, Dynamic, 1>
// for T = double, Complex or Dual, and returning either a T (a scalar loss) or a
// VectorT<T> (a vector-valued map such as the softmax). Every oracle returns the
// m x n Jacobian, m outputs by n inputs; for a scalar loss that is the gradient
// as a single row.
#pragma once

#include "compare.hpp"

#include <algorithm>
#include <cstddef>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace gradcheck {

enum class Oracle { forward_difference, central_difference, complex_step, autodiff };

inline const char* name(Oracle oracle)
{
    switch (oracle) {
    case Oracle::forward_difference:
        return "forward differences";
    case Oracle::central_difference:
        return "central differences";
    case Oracle::complex_step:
        return "complex step";
    case Oracle::autodiff:
        return "forward-mode autodiff";
    }
    return "unknown oracle";
}

constexpr double machine_epsilon = std::numeric_limits<double>::epsilon();

/// Default relative steps. Truncation error of forward differences is O(h), of
/// central differences O(h^2); round-off is O(eps/h) for both. Balancing the two
/// gives h ~ sqrt(eps) and h ~ cbrt(eps) respectively. The complex step has no
/// subtraction, hence no round-off to balance: any tiny h works.
inline double default_step(Oracle oracle)
{
    switch (oracle) {
    // [gc_default_steps]
    case Oracle::forward_difference:
        return std::sqrt(machine_epsilon); // 1.5e-8
    case Oracle::central_difference:
        return std::cbrt(machine_epsilon); // 6.1e-6
    case Oracle::complex_step:
        return 1e-20;
    case Oracle::autodiff:
        return 0.0;
        // [gc_default_steps]
    }
    return 0.0;
}

/// The step actually taken along coordinate x_i: relative to the size of x_i (an
/// absolute step of 6e-6 is lost in round-off at x_i = 1e12 and is a huge move
/// at x_i = 1e-12), and rounded so that x_i + step is exactly representable.
inline double coordinate_step(double relative_step, double xi)
{
    // [gc_step]
    const double step = relative_step * std::max(1.0, std::abs(xi));
    return (xi + step) - xi;
    // [gc_step]
}

namespace detail {

template <class T> VectorT<T> as_vector(const T& value)
{
    VectorT<T> v(1);
    v(0) = value;
    return v;
}
template <class T> VectorT<T> as_vector(const VectorT<T>& value)
{
    return value;
}

template <class F, class T> VectorT<T> evaluate(const F& f, const VectorT<T>& x)
{
    // A lambda whose `auto` return type is an Eigen or AutoDiff expression can refer to
    // temporaries that die on return (x.sum() - x.sum() for dual numbers): its value
    // would be read from freed memory. So f must return T or VectorT<T> itself.
    using Result = std::decay_t<decltype(f(x))>;
    static_assert(
        std::is_same_v<Result, T> || std::is_same_v<Result, VectorT<T>>,
        "gradcheck: f must return the scalar type T or VectorT<T> itself, not an "
        "expression of it: write the lambda's return type, or wrap it in T(...)");
    return as_vector<T>(f(x));
}

/// The Jacobian read off the outputs' derivative vectors, m entries each.
template <class D>
Matrix derivatives_of(const VectorT<Eigen::AutoDiffScalar<D>>& value, Eigen::Index m)
{
    Matrix jacobian = Matrix::Zero(value.size(), m);
    for (Eigen::Index k = 0; k < value.size(); ++k) {
        // An output that does not depend on x carries an empty derivative vector.
        if (value(k).derivatives().size() == m)
            jacobian.row(k) = value(k).derivatives().transpose();
    }
    return jacobian;
}

inline void require_nonempty(const Vector& x)
{
    if (x.size() == 0)
        throw std::invalid_argument(
            "gradcheck: the point x is empty; expected at least one coordinate");
}

} // namespace detail

/// The coordinates 0, 1, ..., n - 1: every column of the Jacobian.
inline std::vector<Eigen::Index> all_columns(Eigen::Index n)
{
    std::vector<Eigen::Index> columns(static_cast<std::size_t>(n));
    std::iota(columns.begin(), columns.end(), Eigen::Index{0});
    return columns;
}

namespace detail {

inline void require_columns(const Vector& x, const std::vector<Eigen::Index>& columns)
{
    require_nonempty(x);
    if (columns.empty())
        throw std::invalid_argument("gradcheck: no column of the Jacobian chosen");
    std::vector<Eigen::Index> sorted = columns;
    std::sort(sorted.begin(), sorted.end());
    if (sorted.front() < 0 || sorted.back() >= x.size())
        throw std::out_of_range("gradcheck: a chosen column lies outside 0.." +
                                std::to_string(x.size() - 1));
    if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
        throw std::invalid_argument(
            "gradcheck: a column of the Jacobian is chosen twice");
}

/// The chosen columns of a Jacobian whose other columns were left at zero.
inline Matrix chosen(Matrix jacobian, const std::vector<Eigen::Index>& columns)
{
    // n distinct columns in increasing order are 0, 1, ..., n - 1: all of them.
    if (static_cast<Eigen::Index>(columns.size()) == jacobian.cols() &&
        std::is_sorted(columns.begin(), columns.end()))
        return jacobian;
    return jacobian(Eigen::all, columns);
}

} // namespace detail

// Each oracle computes the chosen columns of the Jacobian, column columns[k] of the
// full Jacobian becoming column k of the result. A full Jacobian chooses all of them.

/// Forward differences: (f(x + h e_i) - f(x)) / h.
template <class F>
Matrix forward_difference_columns(const F& f, const Vector& x, double relative_step,
                                  const std::vector<Eigen::Index>& columns)
{
    detail::require_columns(x, columns);
    const Vector fx = detail::evaluate<F, double>(f, x);
    Matrix jacobian = Matrix::Zero(fx.size(), x.size());
    Vector xp = x;
    for (Eigen::Index i : columns) {
        // [gc_forward]
        const double h = coordinate_step(relative_step, x(i));
        xp(i) = x(i) + h;
        jacobian.col(i) = (detail::evaluate<F, double>(f, xp) - fx) / h;
        // [gc_forward]
        xp(i) = x(i);
    }
    return detail::chosen(std::move(jacobian), columns);
}

template <class F>
Matrix forward_difference_jacobian(const F& f, const Vector& x, double relative_step)
{
    return forward_difference_columns(f, x, relative_step, all_columns(x.size()));
}

/// Central differences: (f(x + h e_i) - f(x - h e_i)) / 2h.
template <class F>
Matrix central_difference_columns(const F& f, const Vector& x, double relative_step,
                                  const std::vector<Eigen::Index>& columns)
{
    detail::require_columns(x, columns);
    Matrix jacobian;
    Vector xp = x;
    Vector xm = x;
    for (Eigen::Index i : columns) {
        // [gc_central]
        const double h = coordinate_step(relative_step, x(i));
        xp(i) = x(i) + h;
        xm(i) = x(i) - h;
        const Vector column =
            (detail::evaluate<F, double>(f, xp) - detail::evaluate<F, double>(f, xm)) /
            (xp(i) - xm(i));
        // [gc_central]
        if (jacobian.size() == 0)
            jacobian = Matrix::Zero(column.size(), x.size());
        jacobian.col(i) = column;
        xp(i) = x(i);
        xm(i) = x(i);
    }
    return detail::chosen(std::move(jacobian), columns);
}

template <class F>
Matrix central_difference_jacobian(const F& f, const Vector& x, double relative_step)
{
    return central_difference_columns(f, x, relative_step, all_columns(x.size()));
}

/// Complex step: Im f(x + i h e_i) / h. No difference of nearby numbers is taken,
/// so h can be 1e-20 and the result is exact to round-off.
template <class F>
Matrix complex_step_columns(const F& f, const Vector& x, double step,
                            const std::vector<Eigen::Index>& columns)
{
    detail::require_columns(x, columns);
    Matrix jacobian;
    VectorT<Complex> xc = x.cast<Complex>();
    for (Eigen::Index i : columns) {
        // [gc_complex_step]
        xc(i) = Complex(x(i), step);
        const VectorT<Complex> value = detail::evaluate<F, Complex>(f, xc);
        if (jacobian.size() == 0)
            jacobian = Matrix::Zero(value.size(), x.size());
        jacobian.col(i) = value.imag() / step;
        // [gc_complex_step]
        xc(i) = Complex(x(i), 0.0);
    }
    return detail::chosen(std::move(jacobian), columns);
}

template <class F>
Matrix complex_step_jacobian(const F& f, const Vector& x,
                             double step = default_step(Oracle::complex_step))
{
    return complex_step_columns(f, x, step, all_columns(x.size()));
}

/// Forward-mode automatic differentiation: every coordinate carries the n partial
/// derivatives along with its value, so one evaluation gives the whole Jacobian.
template <class F> Matrix autodiff_jacobian(const F& f, const Vector& x)
{
    detail::require_nonempty(x);
    const Eigen::Index n = x.size();
    VectorT<Dual> xd(n);
    // [gc_dual]
    for (Eigen::Index i = 0; i < n; ++i)
        xd(i) =
            Dual(x(i), static_cast<int>(n), static_cast<int>(i)); // Eigen counts in int
    const VectorT<Dual> value = detail::evaluate<F, Dual>(f, xd);
    // [gc_dual]
    return detail::derivatives_of(value, n);
}

/// The same for the chosen columns only: the chosen coordinates carry one partial
/// derivative each, the others are constants.
template <class F>
Matrix autodiff_columns(const F& f, const Vector& x,
                        const std::vector<Eigen::Index>& columns)
{
    if (columns == all_columns(x.size()))
        return autodiff_jacobian(f, x);
    detail::require_columns(x, columns);
    const auto m = static_cast<int>(columns.size()); // Eigen counts derivatives in int
    VectorT<Dual> xd =
        x.cast<Dual>(); // constants: empty derivative vectors, read as zeros
    for (int k = 0; k < m; ++k) {
        const Eigen::Index i = columns[static_cast<std::size_t>(k)];
        xd(i) = Dual(x(i), m, k);
    }
    return detail::derivatives_of(detail::evaluate<F, Dual>(f, xd), m);
}

/// The chosen columns of the Jacobian by the named oracle; step 0 means that
/// oracle's default step.
template <class F>
Matrix numerical_columns(Oracle oracle, const F& f, const Vector& x,
                         const std::vector<Eigen::Index>& columns, double step = 0.0)
{
    const double h = step > 0.0 ? step : default_step(oracle);
    switch (oracle) {
    case Oracle::forward_difference:
        return forward_difference_columns(f, x, h, columns);
    case Oracle::central_difference:
        return central_difference_columns(f, x, h, columns);
    case Oracle::complex_step:
        return complex_step_columns(f, x, h, columns);
    case Oracle::autodiff:
        return autodiff_columns(f, x, columns);
    }
    throw std::invalid_argument("gradcheck: unknown oracle");
}

/// The Jacobian by the named oracle; step 0 means that oracle's default step.
template <class F>
Matrix numerical_jacobian(Oracle oracle, const F& f, const Vector& x, double step = 0.0)
{
    const double h = step > 0.0 ? step : default_step(oracle);
    switch (oracle) {
    case Oracle::forward_difference:
        return forward_difference_jacobian(f, x, h);
    case Oracle::central_difference:
        return central_difference_jacobian(f, x, h);
    case Oracle::complex_step:
        return complex_step_jacobian(f, x, h);
    case Oracle::autodiff:
        return autodiff_jacobian(f, x);
    }
    throw std::invalid_argument("gradcheck: unknown oracle");
}

} // namespace gradcheck
