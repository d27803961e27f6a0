// Solutions of the exercises of the chapter "Backpropagation", each a formula the
// tests check against the oracles.
#pragma once

#include "backpropagation/backpropagation.hpp"

namespace backpropagation::exercises {

/// Exercise 1: dC/dx = W1^T dC/dz, the gradient a layer below would receive.
// [bp_ex_input]
inline Vector dC_dx(const Matrix& W1, const Vector& dC_dz)
{
    Vector dC_dx = Vector::Zero(W1.cols());
    for (Eigen::Index i = 0; i < W1.cols(); ++i)
        for (Eigen::Index j = 0; j < W1.rows(); ++j)
            dC_dx(i) += W1(j, i) * dC_dz(j); // x_i forks into every z_j
    return dC_dx;
}
// [bp_ex_input]

/// Exercise 2: one weight w shared by W1(0, 0) and W1(1, 1) (as in a convolution):
/// the gradients of its two uses add.
// [bp_ex_shared]
inline double dC_dw_shared(const Matrix& dC_dW1)
{
    return dC_dW1(0, 0) + dC_dW1(1, 1);
}
// [bp_ex_shared]

/// Exercise 3: a bias has dz_j/db_j = 1, so dC/db is dC/dz itself.
// [bp_ex_bias]
inline Vector dC_db(const Vector& dC_dz)
{
    return dC_dz;
}
// [bp_ex_bias]

} // namespace backpropagation::exercises
