// The worked solutions of the exercises of "Jacobians and layouts": each is a
// formula of its own, checked by tests/jacobians_and_layouts.cpp like the chapter's.
#pragma once

#include "jacobians_and_layouts/jacobians_and_layouts.hpp"

namespace jacobians_and_layouts {

/// Exercise 1: z = Wx + b; dJ/db, with delta = dJ/dz a column (shape convention).
// [jl_ex_bias]
inline Vector dJ_db(const Vector& delta)
{
    return delta; // dz/db = I: the gradient passes through unchanged
}
// [jl_ex_bias]

/// Exercise 2: Z = WX for a batch X (m x B, one sample per column), Delta = dJ/dZ.
// [jl_ex_batch]
inline Matrix dJ_dW_batch(const Matrix& Delta, const Matrix& X)
{
    return Delta * X.transpose(); // sum over samples b of delta_b x_b^T
}
// [jl_ex_batch]

/// Exercise 3: z = tanh(Wx), one layer: a chain of two Jacobians.
template <class T> VectorT<T> z_layer(const Matrix& W, const VectorT<T>& x)
{
    return z_tanh<T>(z_Wx<T>(W, x));
}

// [jl_ex_layer]
inline Matrix dz_dx_layer(const Matrix& W, const Vector& x)
{
    const Vector u = W * x;
    return dz_dx_tanh(u) * dz_dx_Wx(W); // diag(f'(u)) W: the outer map's first
}
// [jl_ex_layer]

} // namespace jacobians_and_layouts
