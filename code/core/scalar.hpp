// The core every chapter's mathematics stands on (Eigen and nothing else of the
// book): the three scalar types its forward code runs on, and the few operations
// on them that are not the same for all three.
//
// - double:                         the plain forward pass and finite differences;
// - std::complex<double>:           the complex-step oracle;
// - Eigen::AutoDiffScalar<VectorXd>: forward-mode automatic differentiation.
//
// Forward code must be analytic in its input for the complex step to be exact:
// it compares and takes maxima on the REAL part only (real_part below), and it
// never conjugates (no Eigen .dot() or .norm() on complex vectors: use
// (a.array() * b.array()).sum() instead).
#pragma once

#include <Eigen/Core>
#include <unsupported/Eigen/AutoDiff>

#include <cmath>
#include <complex>
#include <type_traits>

namespace core {

using Vector = Eigen::VectorXd;
using Matrix = Eigen::MatrixXd;
template <class T> using VectorT = Eigen::Matrix<T, Eigen::Dynamic, 1>;
template <class T> using MatrixT = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;

using Complex = std::complex<double>;
using Dual = Eigen::AutoDiffScalar<Eigen::VectorXd>;

/// The real part: what comparisons, maxima and finiteness tests look at.
inline double real_part(double x)
{
    return x;
}
inline double real_part(const Complex& x)
{
    return x.real();
}
template <class D> double real_part(const Eigen::AutoDiffScalar<D>& x)
{
    return x.value();
}

/// True when the real part is a finite number (not NaN, not an infinity).
template <class T> bool is_finite_real(const T& x)
{
    return std::isfinite(real_part(x));
}

/// The scalar type of an Eigen vector or matrix argument, e.g. of a generic lambda's
/// `x`.
template <class V> using scalar_of = typename std::decay_t<V>::Scalar;

} // namespace core
