// The worked solutions of the exercises of "Softmax and cross-entropy": each is a
// formula of its own, checked by tests/softmax_cross_entropy.cpp like the chapter's.
#pragma once

#include "softmax_cross_entropy/softmax_cross_entropy.hpp"

#include <stdexcept>
#include <string>

namespace softmax_cross_entropy {

/// Exercise 1: the one-hot label of class c over N classes, smoothed by alpha.
inline Vector smoothed_label(Eigen::Index N, Eigen::Index c, double alpha)
{
    if (N < 2 || c < 0 || c >= N || !(alpha >= 0.0 && alpha <= 1.0))
        throw std::invalid_argument("smoothed_label: needs N >= 2, 0 <= c < N and "
                                    "alpha in [0, 1]; got N = " +
                                    std::to_string(N) + ", c = " + std::to_string(c) +
                                    ", alpha = " + std::to_string(alpha));
    // [smce_ex_smoothing]
    Vector y_alpha = Vector::Constant(N, alpha / static_cast<double>(N));
    y_alpha(c) += 1.0 - alpha; // (1 - alpha) e_c + alpha / N: it still sums to one
    return y_alpha;
    // [smce_ex_smoothing]
}

/// Exercise 2: the loss of softmax(theta / tau), the softmax at temperature tau.
template <class T>
T cross_entropy_at_temperature(const VectorT<T>& theta, const Vector& y, double tau)
{
    return cross_entropy<T>(theta / tau, y);
}

/// Its gradient: the chain rule through theta / tau divides y_hat - y by tau.
inline Vector dJ_dtheta_at_temperature(const Vector& theta, const Vector& y, double tau)
{
    // [smce_ex_temperature]
    const Vector y_hat = softmax<double>(theta / tau);
    return (y_hat - y) / tau;
    // [smce_ex_temperature]
}

/// Exercise 3: the binary cross-entropy of a sigmoid output for a label y in [0, 1].
template <class T> T binary_cross_entropy(const T& z, double y)
{
    using std::log;
    return -y * log(sigmoid<T>(z)) -
           (1.0 - y) * log(sigmoid<T>(-z)); // 1 - s(z) = s(-z)
}

/// Its derivative in z.
inline double dJ_dz_binary(double z, double y)
{
    // [smce_ex_binary]
    return sigmoid(z) - y; // the prediction minus the target, as with N classes
    // [smce_ex_binary]
}

/// Exercise 4: the Hessian of the cross-entropy in the logits, for labels that sum
/// to one: the Jacobian of the gradient y_hat - y, which is the softmax Jacobian.
inline Matrix cross_entropy_hessian(const Vector& theta)
{
    // [smce_ex_hessian]
    return softmax_jacobian(softmax<double>(theta)); // diag(y_hat) - y_hat y_hat^T
    // [smce_ex_hessian]
}

} // namespace softmax_cross_entropy
