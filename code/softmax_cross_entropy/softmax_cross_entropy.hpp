// Softmax and cross-entropy: the output layer of a classifier and its gradient.
//
// The forward maps are templated on the scalar T, so one piece of code runs on
// double, on std::complex<double> (complex step) and on Eigen's AutoDiffScalar
// (forward-mode autodiff); they compare and take maxima on the real part only.
// The hand-derived derivatives are plain double functions.
// Column vectors; a batch stores one sample per column (Theta is N x B).
#pragma once

#include "core/checks.hpp"
#include "core/scalar.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>

namespace softmax_cross_entropy {

using core::Matrix;
using core::MatrixT;
using core::Vector;
using core::VectorT;

namespace detail {

/// Logits: at least one class, every entry finite.
template <class T> void require_logits(const char* who, const VectorT<T>& theta)
{
    core::require_nonempty(who, "theta", theta);
    core::require_finite(who, "theta", theta);
}

/// One label per class, every label finite.
template <class T>
void require_labels(const char* who, const VectorT<T>& theta, const Vector& y)
{
    core::require_same_size(who, "theta", theta, "y", y, "one label per class");
    core::require_finite(who, "y", y);
}

/// A batch: Theta and Y of the same shape N x B, at least one sample.
template <class T>
void require_batch(const char* who, const MatrixT<T>& Theta, const Matrix& Y)
{
    core::require_same_shape(who, "Theta", Theta, "Y", Y);
    core::require_nonempty(who, "Theta", Theta);
}

} // namespace detail

// ---------------------------------------------------------------------------
// Forward maps (templated: double, complex step, autodiff)
// ---------------------------------------------------------------------------

/// The softmax as written on paper, e^theta_k / sum_j e^theta_j. It overflows for
/// logits above about 709 (e^710 = inf) and then returns inf / inf = NaN.
// [smce_softmax]
template <class T> VectorT<T> softmax_naive(const VectorT<T>& theta)
{
    using std::exp;
    VectorT<T> e(theta.size());
    for (Eigen::Index k = 0; k < theta.size(); ++k)
        e(k) = exp(theta(k));
    T sum = e.sum();
    VectorT<T> y_hat(theta.size());
    for (Eigen::Index k = 0; k < theta.size(); ++k)
        y_hat(k) = e(k) / sum;
    return y_hat;
}
// [smce_softmax]

/// theta - max_k Re(theta_k): the same softmax (eq. smce_shift), every exponent <= 0.
template <class T> VectorT<T> shift_by_max(const char* who, const VectorT<T>& theta)
{
    detail::require_logits(who, theta);
    // [smce_shift]
    double m = core::real_part(theta(0));
    for (Eigen::Index k = 1; k < theta.size(); ++k)
        m = std::max(m, core::real_part(theta(k))); // the max of the REAL part
    VectorT<T> shifted(theta.size());
    for (Eigen::Index k = 0; k < theta.size(); ++k)
        shifted(k) = theta(k) - m; // a constant: it leaves every derivative alone
    return shifted;
    // [smce_shift]
}

/// The softmax, eq. smce_softmax, computed on the shifted logits.
// [smce_stable_softmax]
template <class T> VectorT<T> softmax(const VectorT<T>& theta)
{
    using std::exp;
    VectorT<T> y_hat = shift_by_max("softmax", theta);
    T sum(0.0);
    for (Eigen::Index k = 0; k < theta.size(); ++k) {
        y_hat(k) = exp(y_hat(k)); // in (0, 1]: the largest term is e^0 = 1
        sum += y_hat(k);
    }
    y_hat /= sum; // sum >= 1: never a division by an underflowed zero
    return y_hat;
}
// [smce_stable_softmax]

/// ln softmax(theta)_k = (theta_k - m) - ln sum_j e^(theta_j - m), eq.
/// smce_log_softmax.
// [smce_log_softmax]
template <class T> VectorT<T> log_softmax(const VectorT<T>& theta)
{
    using std::exp;
    using std::log;
    VectorT<T> log_y_hat = shift_by_max("log_softmax", theta);
    T sum(0.0);
    for (Eigen::Index j = 0; j < theta.size(); ++j)
        sum += exp(log_y_hat(j));
    const T log_sum = log(sum); // in [0, ln N]: the log-sum-exp minus the max
    for (Eigen::Index k = 0; k < theta.size(); ++k)
        log_y_hat(k) -= log_sum;
    return log_y_hat;
}
// [smce_log_softmax]

/// Cross-entropy J = -sum_k y_k ln y_hat_k of the logits, eq. smce_cross_entropy.
template <class T> T cross_entropy(const VectorT<T>& theta, const Vector& y)
{
    detail::require_labels("cross_entropy", theta, y);
    // [smce_cross_entropy]
    const VectorT<T> log_y_hat =
        log_softmax(theta); // finite even where y_hat underflows
    T J(0.0);
    for (Eigen::Index k = 0; k < theta.size(); ++k)
        J -= y(k) * log_y_hat(k);
    return J;
    // [smce_cross_entropy]
}

/// The same J as a function of the probabilities y_hat (for dJ/dy_hat, eq.
/// smce_dJ_dyhat).
template <class T>
T cross_entropy_of_probabilities(const VectorT<T>& y_hat, const Vector& y)
{
    using std::log;
    detail::require_labels("cross_entropy_of_probabilities", y_hat, y);
    T J(0.0);
    for (Eigen::Index k = 0; k < y_hat.size(); ++k)
        J -= y(k) * log(y_hat(k));
    return J;
}

/// Source 004's log-likelihood ln P(c | x) = sum_n c_n (theta_n - ln sum_j e^theta_j),
/// eq. smce_lnP.
template <class T> T log_likelihood(const VectorT<T>& theta, const Vector& c)
{
    detail::require_labels("log_likelihood", theta, c);
    // [smce_lnP]
    const VectorT<T> ln_y_hat = log_softmax(theta); // theta_n - ln sum_j e^theta_j
    T lnP(0.0);
    for (Eigen::Index n = 0; n < theta.size(); ++n)
        lnP += c(n) * ln_y_hat(n);
    return lnP;
    // [smce_lnP]
}

/// The mean cross-entropy of a batch, one sample per column, eq. smce_batch.
template <class T> T batch_cross_entropy(const MatrixT<T>& Theta, const Matrix& Y)
{
    detail::require_batch("batch_cross_entropy", Theta, Y);
    // [smce_batch]
    T J(0.0);
    for (Eigen::Index b = 0; b < Theta.cols(); ++b)
        J += cross_entropy<T>(Theta.col(b), Y.col(b));
    return J / static_cast<double>(Theta.cols()); // the mean: each sample weighs 1/B
    // [smce_batch]
}

/// The logistic sigmoid 1 / (1 + e^-z), eq. smce_sigmoid.
// [smce_sigmoid]
template <class T> T sigmoid(const T& z)
{
    using std::exp;
    return 1.0 / (1.0 + exp(-z));
}
// [smce_sigmoid]

// ---------------------------------------------------------------------------
// Hand-derived derivatives (double)
// ---------------------------------------------------------------------------

/// One entry d y_hat_i / d theta_k of the softmax Jacobian, eq. smce_jacobian_cases.
// [smce_jacobian_cases]
inline double softmax_jacobian_entry(const Vector& y_hat, Eigen::Index i,
                                     Eigen::Index k)
{
    if (i == k)
        return y_hat(i) * (1.0 - y_hat(i)); // theta_i sits in numerator and denominator
    return -y_hat(i) * y_hat(k);            // theta_k only in the denominator
}
// [smce_jacobian_cases]

/// The Jacobian assembled entry by entry from the two cases.
inline Matrix softmax_jacobian_by_cases(const Vector& y_hat)
{
    Matrix dy_hat_dtheta(y_hat.size(), y_hat.size());
    for (Eigen::Index i = 0; i < y_hat.size(); ++i)
        for (Eigen::Index k = 0; k < y_hat.size(); ++k)
            dy_hat_dtheta(i, k) = softmax_jacobian_entry(y_hat, i, k);
    return dy_hat_dtheta;
}

/// The Jacobian in matrix form, eq. smce_jacobian.
// [smce_jacobian]
inline Matrix softmax_jacobian(const Vector& y_hat)
{
    Matrix dy_hat_dtheta = y_hat.asDiagonal();
    dy_hat_dtheta -= y_hat * y_hat.transpose(); // diag(y_hat) - y_hat y_hat^T
    return dy_hat_dtheta;
}
// [smce_jacobian]

/// dJ/dy_hat = -y / y_hat, elementwise, eq. smce_dJ_dyhat.
inline Vector dJ_dy_hat(const Vector& y_hat, const Vector& y)
{
    detail::require_labels("dJ_dy_hat", y_hat, y);
    // [smce_dJ_dyhat]
    return -y.cwiseQuotient(y_hat);
    // [smce_dJ_dyhat]
}

/// The chain rule: upstream gradient dJ/dy_hat through the local Jacobian, eq.
/// smce_chain.
// [smce_chain]
inline Vector dJ_dtheta_chain(const Vector& theta, const Vector& y)
{
    const Vector y_hat = softmax(theta);
    return softmax_jacobian(y_hat).transpose() * dJ_dy_hat(y_hat, y);
}
// [smce_chain]

/// The chain rule split into the cases k = i and k != i, eq. smce_grad_cases.
inline Vector dJ_dtheta_case_split(const Vector& theta, const Vector& y)
{
    detail::require_labels("dJ_dtheta_case_split", theta, y);
    // [smce_grad_cases]
    const Vector y_hat = softmax(theta);
    Vector delta1(theta.size());
    for (Eigen::Index i = 0; i < theta.size(); ++i) {
        const double k_is_i =
            -y(i) * (1.0 - y_hat(i)); // (-y_i/y_hat_i) y_hat_i (1 - y_hat_i)
        const double k_not_i =
            (y.sum() - y(i)) * y_hat(i); // sum_{k!=i} (-y_k/y_hat_k)(-y_hat_k y_hat_i)
        delta1(i) = k_is_i + k_not_i;
    }
    return delta1;
    // [smce_grad_cases]
}

/// The famous result delta1 = y_hat - y, eq. smce_grad; it assumes sum(y) = 1.
inline Vector dJ_dtheta(const Vector& theta, const Vector& y)
{
    detail::require_labels("dJ_dtheta", theta, y);
    // [smce_grad]
    Vector delta1 = softmax(theta) - y;
    return delta1;
    // [smce_grad]
}

/// For labels of any total, eq. smce_grad_general: y_hat sum(y) - y.
inline Vector dJ_dtheta_general(const Vector& theta, const Vector& y)
{
    detail::require_labels("dJ_dtheta_general", theta, y);
    // [smce_grad_general]
    return softmax(theta) * y.sum() - y; // the y_hat term collects every label's share
    // [smce_grad_general]
}

/// Source 004's gradient of the log-likelihood, c - y_hat, eq. smce_dlnP.
inline Vector dlnP_dtheta(const Vector& theta, const Vector& c)
{
    detail::require_labels("dlnP_dtheta", theta, c);
    // [smce_dlnP]
    return c - softmax(theta); // the ascent direction; it is -(y_hat - c)
    // [smce_dlnP]
}

/// The gradient of the mean batch loss: (Y_hat - Y) / B, eq. smce_batch_grad.
inline Matrix dJ_dTheta(const Matrix& Theta, const Matrix& Y)
{
    detail::require_batch("dJ_dTheta", Theta, Y);
    // [smce_batch_grad]
    Matrix Y_hat(Theta.rows(), Theta.cols());
    for (Eigen::Index b = 0; b < Theta.cols(); ++b)
        Y_hat.col(b) = softmax<double>(Theta.col(b));
    return (Y_hat - Y) / static_cast<double>(Theta.cols());
    // [smce_batch_grad]
}

/// The Jacobian of the log-softmax, I - 1 y_hat^T, eq. smce_log_softmax_jacobian.
// [smce_log_softmax_jacobian]
inline Matrix log_softmax_jacobian(const Vector& y_hat)
{
    const Eigen::Index N = y_hat.size();
    // row i: e_i^T - y_hat^T (the add gate passes 1, the log-sum-exp y_hat)
    return Matrix::Identity(N, N) - Vector::Ones(N) * y_hat.transpose();
}
// [smce_log_softmax_jacobian]

/// Two classes: gradient of softmax([z1, z2])_1 = sigmoid(z1 - z2), eq.
/// smce_two_class_grad.
// [smce_two_class_grad]
inline Vector two_class_grad(double z1, double z2)
{
    const double s = sigmoid(z1 - z2);
    Vector grad(2);
    grad << s * (1.0 - s), -s * (1.0 - s); // d(z1 - z2) = dz1 - dz2
    return grad;
}
// [smce_two_class_grad]

} // namespace softmax_cross_entropy
