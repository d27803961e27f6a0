// The solutions of the chapter's exercises, each checked by
// tests/recurrent_networks.cpp.
#pragma once

#include "recurrent_networks/recurrent_networks.hpp"

#include <stdexcept>
#include <string>

namespace recurrent_networks::exercises {

/// Exercise 1: dL/dW of a sequence of two steps, written out path by path.
// [rn_ex_two_steps]
inline Matrix dL_dW_two_steps(const Rnn& n, const Matrix& X, const Matrix& Y)
{
    if (X.cols() != 2)
        throw std::invalid_argument("dL_dW_two_steps: the sequence has " +
                                    std::to_string(X.cols()) + " steps, not 2");
    const Forward f = forward(n, X);
    const Vector h0 = f.H.col(0);
    const Vector h1 = f.H.col(1);
    const Vector h2 = f.H.col(2);
    const Vector g1 = (1.0 - h1.array().square()).matrix(); // tanh' at step 1
    const Vector g2 = (1.0 - h2.array().square()).matrix(); // tanh' at step 2
    const Vector e1 = n.V.transpose() * dL_do(f, Y, LossOn::every_step, 0);
    const Vector e2 = n.V.transpose() * dL_do(f, Y, LossOn::every_step, 1);
    const Vector d2 = g2.cwiseProduct(e2); // L_2 at a_2
    // The three paths: L_2 to W at step 2, L_1 to W at step 1, L_2 to W at step 1.
    const Matrix L2_step2 = d2 * h1.transpose();
    const Matrix L1_step1 = g1.cwiseProduct(e1) * h0.transpose();
    const Vector back = n.W.transpose() * d2; // L_2 back to h_1
    const Matrix L2_step1 = g1.cwiseProduct(back) * h0.transpose();
    return L2_step2 + L1_step1 + L2_step1;
}
// [rn_ex_two_steps]

/// Exercise 2: grad_{h_t} L_T as a product of Jacobians, (prod over s = t+1 ... T of
/// W^T diag(1 - h_s^2)) V^T (y_hat_T - y_T); t counts from 1, h_T's own is V^T (...).
// [rn_ex_product]
inline Vector dLT_dh_product(const Rnn& n, const Matrix& X, const Matrix& Y,
                             Eigen::Index t)
{
    const Eigen::Index T = X.cols();
    if (t < 1 || t > T)
        throw std::invalid_argument("dLT_dh_product: t = " + std::to_string(t) +
                                    " outside 1 ... " + std::to_string(T));
    const Forward f = forward(n, X);
    Matrix product = Matrix::Identity(n.W.rows(), n.W.rows());
    for (Eigen::Index s = t + 1; s <= T; ++s) { // d h_s / d h_{s-1}, transposed
        const Vector gate = (1.0 - f.H.col(s).array().square()).matrix();
        product = product * (n.W.transpose() * gate.asDiagonal());
    }
    return product * (n.V.transpose() * dL_do(f, Y, LossOn::last_step, T - 1));
}
// [rn_ex_product]

/// Exercise 3: each tensor clipped to norm threshold on its own.
// [rn_ex_per_tensor]
inline Vector clip_per_tensor(const Rnn& n, const Vector& g, double threshold)
{
    const core::Layout layout = layout_of(n);
    Vector clipped = g;
    for (const core::Tensor& tensor : layout.tensors()) {
        auto part = layout.view(clipped, tensor.name);
        const double norm = part.norm();
        if (norm > threshold)
            part *= threshold / norm;
    }
    return clipped;
}
// [rn_ex_per_tensor]

} // namespace recurrent_networks::exercises
