// One hidden layer: source 000's network z = Wx + b1, h = ReLU(z), theta = Uh + b2,
// y_hat = softmax(theta), J = CE(y, y_hat), with x of Dx entries, Dh hidden units and
// Nc classes; then the same network on a batch (one sample per column, J the mean).
//
// The forward maps are templated on the scalar T (double, complex step, autodiff) and
// written as index sums; ReLU compares the REAL part, so at an exact zero every scalar
// takes the same branch. The hand-derived backward pass is double and reuses the
// softmax chapter (delta1 = y_hat - y) and the Jacobians chapter (delta x^T, W^T
// delta).
#pragma once

#include "backpropagation/engine.hpp"
#include "core/checks.hpp"
#include "core/parameters.hpp"
#include "core/scalar.hpp"
#include "jacobians_and_layouts/jacobians_and_layouts.hpp"
#include "softmax_cross_entropy/softmax_cross_entropy.hpp"

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace one_hidden_layer {

using core::Matrix;
using core::MatrixT;
using core::Vector;
using core::VectorT;
using RowVector = Eigen::RowVectorXd;

/// The parameters: W (Dh x Dx), b1 (Dh), U (Nc x Dh), b2 (Nc).
template <class T> struct NetworkT {
    MatrixT<T> W;
    VectorT<T> b1;
    MatrixT<T> U;
    VectorT<T> b2;
};
using Network = NetworkT<double>;

/// The same network with every parameter converted to the scalar T (a constant).
template <class T> NetworkT<T> cast(const Network& n)
{
    return {n.W.cast<T>(), n.b1.cast<T>(), n.U.cast<T>(), n.b2.cast<T>()};
}

/// Dh x Dx, Dh, Nc x Dh, Nc: the shapes must chain.
template <class T> void require_network(const char* who, const NetworkT<T>& n)
{
    if (n.W.rows() < 1 || n.W.cols() < 1 || n.b1.size() != n.W.rows() ||
        n.U.cols() != n.W.rows() || n.U.rows() < 1 || n.b2.size() != n.U.rows())
        throw std::invalid_argument(
            std::string(who) + ": W " + std::to_string(n.W.rows()) + "x" +
            std::to_string(n.W.cols()) + ", b1 " + std::to_string(n.b1.size()) +
            ", U " + std::to_string(n.U.rows()) + "x" + std::to_string(n.U.cols()) +
            ", b2 " + std::to_string(n.b2.size()) +
            " do not chain (expected Dh x Dx, Dh, Nc x Dh, Nc)");
}

/// All parameters in one vector [W, b1, U, b2] (matrices column by column).
inline core::Layout layout_of(const Network& n)
{
    core::Layout layout;
    layout.add("W", n.W.rows(), n.W.cols()).add("b1", n.b1.size());
    layout.add("U", n.U.rows(), n.U.cols()).add("b2", n.b2.size());
    return layout;
}

inline Vector flatten(const Network& n)
{
    require_network("flatten", n);
    return core::flatten(layout_of(n), n.W, n.b1, n.U, n.b2);
}

/// The network whose parameters are the flat p, laid out as `layout`.
template <class T>
NetworkT<T> unflatten(const core::Layout& layout, const VectorT<T>& p)
{
    return {layout.view(p, "W"), layout.vector_view(p, "b1"), layout.view(p, "U"),
            layout.vector_view(p, "b2")};
}

// ---------------------------------------------------------------------------
// Forward maps (templated: double, complex step, autodiff)
// ---------------------------------------------------------------------------

/// ReLU(z) = max(z, 0), decided on the real part: at z = 0 exactly it is 0.
// [oh_relu]
template <class T> T relu(const T& z)
{
    return core::real_part(z) > 0.0 ? z : T(0.0);
}
// [oh_relu]

/// A b + sum_k A_ik v_k for every row i: one fully connected layer.
template <class T>
VectorT<T> affine(const MatrixT<T>& A, const VectorT<T>& v, const VectorT<T>& b)
{
    if (A.cols() != v.size() || A.rows() != b.size())
        throw std::invalid_argument("affine: A is " + std::to_string(A.rows()) + "x" +
                                    std::to_string(A.cols()) + ", v has " +
                                    std::to_string(v.size()) + " entries, b " +
                                    std::to_string(b.size()));
    VectorT<T> out = b;
    for (Eigen::Index i = 0; i < A.rows(); ++i)
        for (Eigen::Index k = 0; k < A.cols(); ++k) {
            // Evaluated first: Eigen's AutoDiffScalar pads a constant's empty
            // derivative vector with zeros only when it is stored, not inside an
            // expression.
            const T term = A(i, k) * v(k);
            out(i) += term;
        }
    return out;
}

/// ReLU entry by entry.
template <class T> VectorT<T> relu(const VectorT<T>& z)
{
    VectorT<T> h(z.size());
    for (Eigen::Index j = 0; j < z.size(); ++j)
        h(j) = relu(z(j));
    return h;
}

/// J as a function of the pre-activations z: CE(y, softmax(U ReLU(z) + b2)).
template <class T> T loss_of_z(const Network& n, const VectorT<T>& z, const Vector& y)
{
    const VectorT<T> theta = affine<T>(n.U.cast<T>(), relu<T>(z), n.b2.cast<T>());
    return softmax_cross_entropy::cross_entropy<T>(theta, y);
}

/// The loss J of one sample x with label y.
template <class T> T loss(const NetworkT<T>& n, const VectorT<T>& x, const Vector& y)
{
    require_network("loss", n);
    // [oh_network]
    const VectorT<T> z = affine<T>(n.W, x, n.b1);             // z = W x + b1
    const VectorT<T> h = relu<T>(z);                          // h = ReLU(z)
    const VectorT<T> theta = affine<T>(n.U, h, n.b2);         // theta = U h + b2
    return softmax_cross_entropy::cross_entropy<T>(theta, y); // CE(y, softmax(theta))
    // [oh_network]
}

/// The mean loss of a batch, one sample a column of X (Dx x B) and Y (Nc x B).
template <class T>
T batch_loss(const NetworkT<T>& n, const MatrixT<T>& X, const Matrix& Y)
{
    require_network("batch_loss", n);
    core::require_nonempty("batch_loss", "X", X);
    if (X.cols() != Y.cols())
        throw std::invalid_argument("batch_loss: X has " + std::to_string(X.cols()) +
                                    " samples but Y has " + std::to_string(Y.cols()));
    // [oh_batch_network]
    MatrixT<T> Theta(n.U.rows(), X.cols());
    for (Eigen::Index b = 0; b < X.cols(); ++b) // sample b is column b
        Theta.col(b) = affine<T>(n.U, relu<T>(affine<T>(n.W, X.col(b), n.b1)), n.b2);
    return softmax_cross_entropy::batch_cross_entropy<T>(Theta, Y); // the mean over b
    // [oh_batch_network]
}

// ---------------------------------------------------------------------------
// The hand-derived backward pass (double)
// ---------------------------------------------------------------------------

/// What the forward pass keeps for the backward pass.
struct Forward {
    Vector x, z, h, theta;
};

inline Forward forward(const Network& n, const Vector& x)
{
    require_network("forward", n);
    Forward f;
    f.x = x;
    f.z = affine<double>(n.W, x, n.b1);
    f.h = relu<double>(f.z);
    f.theta = affine<double>(n.U, f.h, n.b2);
    return f;
}

/// ReLU'(z) entry by entry, with the convention ReLU'(0) = 0.
// [oh_relu_prime]
inline Vector relu_prime(const Vector& z)
{
    Vector d(z.size());
    for (Eigen::Index j = 0; j < z.size(); ++j)
        d(j) = z(j) > 0.0 ? 1.0 : 0.0; // 0 at z = 0 exactly: sgn(ReLU(0)) = 0 too
    return d;
}
// [oh_relu_prime]

/// delta1 = dJ/dtheta = y_hat - y: the softmax chapter's result.
// [oh_delta1]
inline Vector delta1_of(const Vector& theta, const Vector& y)
{
    return softmax_cross_entropy::dJ_dtheta(theta, y); // y_hat - y
}
// [oh_delta1]

/// delta2 = dJ/dz in the shape of z: U^T delta1, gated by ReLU'(z).
// [oh_delta2]
inline Vector delta2_of(const Matrix& U, const Vector& delta1, const Vector& z)
{
    const Vector dJ_dh = jacobians_and_layouts::dJ_dx(delta1, U); // U^T delta1
    return dJ_dh.cwiseProduct(relu_prime(z));                     // o ReLU'(z)
}
// [oh_delta2]

/// The same delta2 as 000 writes it: a row, delta1 U o ReLU'(z)^T (numerator layout).
// [oh_delta2_numerator]
inline RowVector delta2_numerator(const RowVector& delta1, const Matrix& U,
                                  const Vector& z)
{
    const RowVector dJ_dh =
        jacobians_and_layouts::dJ_dx_numerator(delta1, U); // delta1 U
    return dJ_dh.cwiseProduct(relu_prime(z).transpose());  // a row times a row
}
// [oh_delta2_numerator]

/// Every gradient of J, each in the shape of its variable.
struct Gradients {
    Matrix dW;
    Vector db1;
    Matrix dU;
    Vector db2;
    Vector dx;
};

/// The backward pass: delta1, delta2, then each parameter from its layer's delta.
inline Gradients gradients(const Network& n, const Vector& x, const Vector& y)
{
    const Forward f = forward(n, x);
    Gradients g;
    // [oh_backward]
    const Vector delta1 = delta1_of(f.theta, y);
    const Vector delta2 = delta2_of(n.U, delta1, f.z);
    g.dU = jacobians_and_layouts::dJ_dW(delta1, f.h); // delta1 h^T
    g.db2 = delta1;                                   // dtheta/db2 = I
    g.dW = jacobians_and_layouts::dJ_dW(delta2, f.x); // delta2 x^T
    g.db1 = delta2;                                   // dz/db1 = I
    g.dx = jacobians_and_layouts::dJ_dx(delta2, n.W); // W^T delta2
    // [oh_backward]
    return g;
}

/// The gradients as 000 writes them (delta a row), with its b1 slip corrected:
/// dU = delta1^T h^T, db2 = delta1^T, dW = delta2^T x^T, db1 = delta2^T,
/// dx = (delta2 W)^T.
inline Gradients gradients_numerator(const Network& n, const Vector& x, const Vector& y)
{
    const Forward f = forward(n, x);
    const RowVector delta1 = delta1_of(f.theta, y).transpose(); // (y_hat - y)^T
    const RowVector delta2 = delta2_numerator(delta1, n.U, f.z);
    Gradients g;
    g.dU = jacobians_and_layouts::dJ_dW_numerator(delta1, f.h);
    g.db2 = delta1.transpose();
    g.dW = jacobians_and_layouts::dJ_dW_numerator(delta2, f.x);
    g.db1 = delta2.transpose();
    g.dx = jacobians_and_layouts::dJ_dx_numerator(delta2, n.W).transpose();
    return g;
}

// ---------------------------------------------------------------------------
// The batch (one sample per column, J the mean over the B samples)
// ---------------------------------------------------------------------------

/// The gradients of the mean loss over the batch X (Dx x B), Y (Nc x B).
struct BatchGradients {
    Matrix dW;
    Vector db1;
    Matrix dU;
    Vector db2;
};

inline BatchGradients batch_gradients(const Network& n, const Matrix& X,
                                      const Matrix& Y)
{
    require_network("batch_gradients", n);
    const Matrix Z = (n.W * X).colwise() + n.b1;
    const Matrix H = Z.cwiseMax(0.0);
    const Matrix Theta = (n.U * H).colwise() + n.b2;
    Matrix relu_prime_Z(Z.rows(), Z.cols());
    for (Eigen::Index b = 0; b < Z.cols(); ++b)
        relu_prime_Z.col(b) = relu_prime(Z.col(b));
    BatchGradients g;
    // [oh_batch]
    const Matrix Delta1 = softmax_cross_entropy::dJ_dTheta(Theta, Y); // (Y_hat - Y) / B
    const Matrix Delta2 = (n.U.transpose() * Delta1).cwiseProduct(relu_prime_Z);
    g.dU = Delta1 * H.transpose();  // sum over b of delta1_b h_b^T, each 1/B
    g.db2 = Delta1.rowwise().sum(); // a bias sums its delta over the columns
    g.dW = Delta2 * X.transpose();  // sum over b of delta2_b x_b^T
    g.db1 = Delta2.rowwise().sum();
    // [oh_batch]
    return g;
}

/// The class of each column: the arg-max of its logits (the first one on a tie).
inline Eigen::VectorXi predict(const Network& n, const Matrix& X)
{
    const Matrix Theta =
        (n.U * ((n.W * X).colwise() + n.b1).cwiseMax(0.0)).colwise() + n.b2;
    Eigen::VectorXi classes(X.cols());
    for (Eigen::Index b = 0; b < X.cols(); ++b)
        Theta.col(b).maxCoeff(&classes(b));
    return classes;
}

// ---------------------------------------------------------------------------
// The same network on the engine of the chapter Backpropagation: a fourth oracle
// ---------------------------------------------------------------------------

/// dJ/d[W, b1, U, b2] (the order of flatten) by reverse mode: the network written
/// once more in the engine's scalar operations, one forward and one backward pass,
/// sharing no code with the hand-derived gradients. J is written
/// ln sum_c e^theta_c - sum_c y_c theta_c, the cross-entropy for a label summing to 1.
// [oh_engine]
inline Vector engine_gradient(const Network& n, const Vector& x, const Vector& y)
{
    require_network("engine_gradient", n);
    backpropagation::Graph g;
    using Var = backpropagation::Var;
    const auto leaves = [&g](const Matrix& A) { // column by column, as flatten
        std::vector<Var> v;
        for (Eigen::Index j = 0; j < A.cols(); ++j)
            for (Eigen::Index i = 0; i < A.rows(); ++i)
                v.push_back(g.input(A(i, j)));
        return v;
    };
    const std::vector<Var> W = leaves(n.W);
    const std::vector<Var> b1 = leaves(n.b1);
    const std::vector<Var> U = leaves(n.U);
    const std::vector<Var> b2 = leaves(n.b2);
    const auto at = [](const std::vector<Var>& v, Eigen::Index i) {
        return v[static_cast<std::size_t>(i)];
    };
    const Eigen::Index Dx = n.W.cols();
    const Eigen::Index Dh = n.W.rows();
    const Eigen::Index Nc = n.U.rows();
    std::vector<Var> h;
    for (Eigen::Index j = 0; j < Dh; ++j) {
        Var z = at(b1, j); // z_j = b1_j + sum_k W_jk x_k
        for (Eigen::Index k = 0; k < Dx; ++k)
            z = g.add(z, g.mul(at(W, k * Dh + j), g.input(x(k))));
        h.push_back(g.relu(z));
    }
    Var sum_exp = g.input(0.0);
    Var J = g.input(0.0);
    for (Eigen::Index c = 0; c < Nc; ++c) {
        Var theta = at(b2, c); // theta_c = b2_c + sum_j U_cj h_j
        for (Eigen::Index j = 0; j < Dh; ++j)
            theta = g.add(theta, g.mul(at(U, j * Nc + c), at(h, j)));
        sum_exp = g.add(sum_exp, g.exp(theta));
        J = g.add(J, g.mul(g.input(-y(c)), theta));
    }
    g.backward(g.add(g.log(sum_exp), J));
    Vector grad(static_cast<Eigen::Index>(W.size() + b1.size() + U.size() + b2.size()));
    Eigen::Index i = 0;
    for (const std::vector<Var>* tensor : {&W, &b1, &U, &b2})
        for (Var v : *tensor)
            grad(i++) = g.grad(v);
    return grad;
}
// [oh_engine]

// ---------------------------------------------------------------------------
// Source 000 read literally (negative controls)
// ---------------------------------------------------------------------------

/// 000's dJ/db1 = delta2 dz/db2: z does not depend on b2, so dz/db2 = 0.
// [oh_literal_db1]
inline Vector literal_db1(const Vector& delta2)
{
    const Matrix dz_db2 = Matrix::Zero(delta2.size(), delta2.size()); // z has no b2
    return dz_db2.transpose() * delta2; // delta2 dz/db2: zero, whatever delta2 is
}
// [oh_literal_db1]

/// 000's delta2 = delta1 U o ReLU'(z), with delta1 the COLUMN of the denominator
/// layout it announces: delta1 U conforms only as U delta1, for a square U.
// [oh_literal_delta2]
inline Vector literal_delta2_denominator(const Vector& delta1, const Matrix& U,
                                         const Vector& z)
{
    if (U.rows() != U.cols())
        throw std::invalid_argument(
            "literal_delta2_denominator: U is " + std::to_string(U.rows()) + "x" +
            std::to_string(U.cols()) + "; U delta1 needs Nc = Dh");
    return (U * delta1).cwiseProduct(relu_prime(z)); // U delta1: shapes agree
}
// [oh_literal_delta2]

} // namespace one_hidden_layer
