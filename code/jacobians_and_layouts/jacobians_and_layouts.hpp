// Jacobians and layouts: the matrix-calculus toolkit of every later chapter.
//
// The forward maps are templated on the scalar T (double, std::complex<double>,
// Eigen's AutoDiffScalar) and written as the index sums of the text, so the oracles
// differentiate exactly them. The hand-derived Jacobians and gradients are plain
// double functions. Column vectors, except where a function says "row": there x and
// z are rows, as in z = xW.
#pragma once

#include "core/scalar.hpp"

#include <stdexcept>
#include <string>

namespace jacobians_and_layouts {

using core::Matrix;
using core::MatrixT;
using core::Vector;
using core::VectorT;
using RowVector = Eigen::RowVectorXd;

// ---------------------------------------------------------------------------
// Forward maps (templated: double, complex step, autodiff)
// ---------------------------------------------------------------------------

/// z = Wx, z_i = sum_k W_ik x_k, for W of n rows and x of m entries.
// [jl_forward]
template <class T> VectorT<T> z_Wx(const Matrix& W, const VectorT<T>& x)
{
    if (W.cols() != x.size())
        throw std::invalid_argument("z_Wx: W has " + std::to_string(W.cols()) +
                                    " columns but x has " + std::to_string(x.size()) +
                                    " entries");
    VectorT<T> z = VectorT<T>::Zero(W.rows());
    for (Eigen::Index i = 0; i < W.rows(); ++i)
        for (Eigen::Index k = 0; k < W.cols(); ++k)
            z(i) += W(i, k) * x(k);
    return z;
}
// [jl_forward]

/// z = xW for a row x of m entries and W of m rows: z_i = sum_k x_k W_ki. The row
/// is stored in a column vector, the only vector the oracles perturb.
template <class T> VectorT<T> z_xW(const Matrix& W, const VectorT<T>& x)
{
    if (W.rows() != x.size())
        throw std::invalid_argument("z_xW: W has " + std::to_string(W.rows()) +
                                    " rows but x has " + std::to_string(x.size()) +
                                    " entries");
    VectorT<T> z = VectorT<T>::Zero(W.cols());
    for (Eigen::Index i = 0; i < W.cols(); ++i)
        for (Eigen::Index k = 0; k < W.rows(); ++k)
            z(i) += x(k) * W(k, i);
    return z;
}

/// z = f(x) elementwise, with f = tanh as the example.
template <class T> VectorT<T> z_tanh(const VectorT<T>& x)
{
    using std::tanh;
    VectorT<T> z(x.size());
    for (Eigen::Index i = 0; i < x.size(); ++i)
        z(i) = tanh(x(i));
    return z;
}

/// The matrix W (n x m) read from the flat theta, column by column (core::Layout).
template <class T>
MatrixT<T> unflatten_W(const VectorT<T>& theta, Eigen::Index n, Eigen::Index m)
{
    if (theta.size() != n * m)
        throw std::invalid_argument("unflatten_W: theta has " +
                                    std::to_string(theta.size()) + " entries, W " +
                                    std::to_string(n) + "x" + std::to_string(m));
    return Eigen::Map<const MatrixT<T>>(theta.data(), n, m);
}

/// J = g^T z with z = Wx: a scalar whose delta = dJ/dz is g. W is the variable.
template <class T> T J_of_W(const MatrixT<T>& W, const Vector& x, const Vector& g)
{
    T J(0.0);
    for (Eigen::Index i = 0; i < W.rows(); ++i)
        for (Eigen::Index k = 0; k < W.cols(); ++k)
            J += g(i) * (W(i, k) * x(k));
    return J;
}

/// J = z g with z = xW (x a row): delta = dJ/dz is the row g^T. W (m x n) varies.
template <class T> T J_of_W_row(const MatrixT<T>& W, const Vector& x, const Vector& g)
{
    T J(0.0);
    for (Eigen::Index i = 0; i < W.cols(); ++i)
        for (Eigen::Index k = 0; k < W.rows(); ++k)
            J += (x(k) * W(k, i)) * g(i);
    return J;
}

// ---------------------------------------------------------------------------
// The Jacobians, derived by hand (eqs. jl_Wx to jl_elementwise)
// ---------------------------------------------------------------------------

// [jl_Wx]
inline Matrix dz_dx_Wx(const Matrix& W)
{
    return W; // dz_i/dx_j = W_ij
}
// [jl_Wx]

// [jl_xW]
inline Matrix dz_dx_xW(const Matrix& W)
{
    return W.transpose(); // dz_i/dx_j = W_ji
}
// [jl_xW]

// [jl_identity]
inline Matrix dz_dx_identity(Eigen::Index m)
{
    return Matrix::Identity(m, m); // dz_i/dx_j = 1 if i = j, else 0
}
// [jl_identity]

// [jl_elementwise]
inline Matrix dz_dx_tanh(const Vector& x)
{
    const Vector f_prime = (1.0 - x.array().tanh().square()).matrix(); // 1 - tanh^2
    return Matrix(f_prime.asDiagonal()); // dz_i/dx_j = f'(x_i) if i = j, else 0
}
// [jl_elementwise]

// ---------------------------------------------------------------------------
// Gradients of a scalar J through z, given delta = dJ/dz
// ---------------------------------------------------------------------------

/// z = Wx, the Jacobian (numerator) layout of the sources: delta is a row.
// [jl_dJ_dW_numerator]
inline Matrix dJ_dW_numerator(const RowVector& delta, const Vector& x)
{
    return delta.transpose() * x.transpose(); // (n x 1)(1 x m): the shape of W
}
// [jl_dJ_dW_numerator]

/// z = Wx, the shape convention of this book: delta is a column like z.
// [jl_dJ_dW]
inline Matrix dJ_dW(const Vector& delta, const Vector& x)
{
    return delta * x.transpose(); // dJ/dW_ij = delta_i x_j
}
// [jl_dJ_dW]

/// z = xW with rows x and delta.
// [jl_dJ_dW_row]
inline Matrix dJ_dW_row(const RowVector& x, const RowVector& delta)
{
    return x.transpose() * delta; // (m x 1)(1 x n): dJ/dW_ij = x_i delta_j
}
// [jl_dJ_dW_row]

/// dJ/dx in each convention: the chain rule delta times dz/dx, then its layout.
// [jl_dJ_dx]
inline RowVector dJ_dx_numerator(const RowVector& delta, const Matrix& W)
{
    return delta * W; // (1 x n)(n x m): a row
}
inline Vector dJ_dx(const Vector& delta, const Matrix& W)
{
    return W.transpose() * delta; // (m x n)(n x 1): a column like x
}
inline RowVector dJ_dx_row(const RowVector& delta, const Matrix& W)
{
    return delta * W.transpose(); // z = xW: (1 x n)(n x m), a row like x
}
// [jl_dJ_dx]

// ---------------------------------------------------------------------------
// The conventions, as a table of shapes
// ---------------------------------------------------------------------------

enum class Convention { numerator, shape, row };

constexpr Convention conventions[] = {Convention::numerator, Convention::shape,
                                      Convention::row};

struct Shape {
    Eigen::Index rows = 0;
    Eigen::Index cols = 0;
    bool operator==(const Shape& other) const
    {
        return rows == other.rows && cols == other.cols;
    }
};

/// One row of the table of layouts: the shapes of x, W, delta, dJ/dx and dJ/dW for
/// x of m entries and z of n.
struct Layout {
    Shape x, W, delta, dJ_dx, dJ_dW;
};

// [jl_layouts]
inline Layout layout_of(Convention c, Eigen::Index m, Eigen::Index n)
{
    Layout L;
    L.x = {m, 1}; // columns: z = W x
    L.W = {n, m};
    switch (c) {
    case Convention::numerator:
        L.delta = {1, n}; // dJ/dz is a Jacobian: one row, one column per z_i
        L.dJ_dx = {1, m}; // delta W
        L.dJ_dW = {n, m}; // delta^T x^T, arranged as W
        break;
    case Convention::shape:
        L.delta = {n, 1}; // every derivative of J has its variable's shape
        L.dJ_dx = {m, 1}; // W^T delta
        L.dJ_dW = {n, m}; // delta x^T
        break;
    case Convention::row:
        L.x = {1, m}; // rows: z = x W
        L.W = {m, n};
        L.delta = {1, n}; // a row like z, in either layout
        L.dJ_dx = {1, m}; // delta W^T
        L.dJ_dW = {m, n}; // x^T delta
        break;
    }
    return L;
}
// [jl_layouts]

/// How the table names a layout and writes its formulas, and who writes so.
struct Naming {
    const char* name;
    const char* vectors;
    const char* dJ_dx;
    const char* dJ_dW;
    const char* written_by;
};

inline Naming naming_of(Convention c)
{
    switch (c) {
    case Convention::numerator:
        return {"numerator (Jacobian)", "columns", "δ W", "δᵀ xᵀ",
                "002 (2.8.1, 2.8.5); 000"};
    case Convention::shape:
        return {"denominator (shape)", "columns", "Wᵀ δ", "δ xᵀ", "this book"};
    case Convention::row:
        return {"either", "rows", "δ Wᵀ", "xᵀ δ", "002 (2.8.2, 2.8.6); 003"};
    }
    throw std::invalid_argument("naming_of: unknown convention");
}

/// A size as the table writes it: "m", "n" or "1" (m and n must differ and exceed 1).
inline std::string symbol(Eigen::Index k, Eigen::Index m, Eigen::Index n)
{
    if (k == m)
        return "m";
    if (k == n)
        return "n";
    if (k == 1)
        return "1";
    throw std::invalid_argument("symbol: " + std::to_string(k) +
                                " is neither m = " + std::to_string(m) +
                                ", n = " + std::to_string(n) + " nor 1");
}

inline std::string symbol(const Shape& s, Eigen::Index m, Eigen::Index n)
{
    return symbol(s.rows, m, n) + " × " + symbol(s.cols, m, n);
}

} // namespace jacobians_and_layouts
