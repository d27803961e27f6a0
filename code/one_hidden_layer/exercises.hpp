// The worked solutions of the exercises of "One hidden layer": each is a formula of
// its own, checked by tests/one_hidden_layer.cpp like the chapter's.
#pragma once

#include "one_hidden_layer/one_hidden_layer.hpp"

namespace one_hidden_layer {

// ---------------------------------------------------------------------------
// Exercise 1: a leaky ReLU, max(z, a z) with 0 < a < 1
// ---------------------------------------------------------------------------

template <class T> T leaky_relu(const T& z, double a)
{
    return core::real_part(z) > 0.0 ? z : T(a * z);
}

/// J as a function of z for the network with a leaky ReLU.
template <class T>
T leaky_loss_of_z(const Network& n, const VectorT<T>& z, const Vector& y, double a)
{
    VectorT<T> h(z.size());
    for (Eigen::Index j = 0; j < z.size(); ++j)
        h(j) = leaky_relu(z(j), a);
    return softmax_cross_entropy::cross_entropy<T>(
        affine<T>(n.U.cast<T>(), h, n.b2.cast<T>()), y);
}

// [oh_ex_leaky]
inline Vector delta2_leaky(const Matrix& U, const Vector& delta1, const Vector& z,
                           double a)
{
    Vector slope(z.size());
    for (Eigen::Index j = 0; j < z.size(); ++j)
        slope(j) = z(j) > 0.0 ? 1.0 : a; // never 0: no unit stops learning
    return (U.transpose() * delta1).cwiseProduct(slope);
}
// [oh_ex_leaky]

// ---------------------------------------------------------------------------
// Exercise 2: weight decay, J + (lambda / 2)(||W||^2 + ||U||^2)
// ---------------------------------------------------------------------------

template <class T>
T decayed_loss(const NetworkT<T>& n, const VectorT<T>& x, const Vector& y,
               double lambda)
{
    T squares(0.0);
    for (Eigen::Index k = 0; k < n.W.size(); ++k) {
        const T term = n.W.data()[k] * n.W.data()[k]; // stored: see affine()
        squares += term;
    }
    for (Eigen::Index k = 0; k < n.U.size(); ++k) {
        const T term = n.U.data()[k] * n.U.data()[k];
        squares += term;
    }
    return loss(n, x, y) + 0.5 * lambda * squares;
}

// [oh_ex_decay]
inline Gradients decayed_gradients(const Network& n, const Vector& x, const Vector& y,
                                   double lambda)
{
    Gradients g = gradients(n, x, y); // the loss's part, unchanged
    g.dW += lambda * n.W;             // d/dW of (lambda/2)||W||^2
    g.dU += lambda * n.U;             // the biases are not decayed
    return g;
}
// [oh_ex_decay]

// ---------------------------------------------------------------------------
// Exercise 3: a second hidden layer, z1 = W x + b1, z2 = V ReLU(z1) + c,
// theta = U ReLU(z2) + b2
// ---------------------------------------------------------------------------

/// J as a function of z1, for the second layer's V (Dh2 x Dh1) and c.
template <class T>
T deep_loss_of_z1(const Network& n, const Matrix& V, const Vector& c,
                  const VectorT<T>& z1, const Vector& y)
{
    const VectorT<T> z2 = affine<T>(V.cast<T>(), relu<T>(z1), c.cast<T>());
    return loss_of_z(n, z2, y);
}

// [oh_ex_deep]
inline Vector delta_z1(const Network& n, const Matrix& V, const Vector& c,
                       const Vector& z1, const Vector& y)
{
    const Vector z2 = V * z1.cwiseMax(0.0) + c;
    const Vector theta = n.U * z2.cwiseMax(0.0) + n.b2;
    const Vector delta_z2 = delta2_of(n.U, delta1_of(theta, y), z2); // as before
    return delta2_of(V, delta_z2, z1); // the same step, one layer down
}
// [oh_ex_deep]

} // namespace one_hidden_layer
