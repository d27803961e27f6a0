// A deep sigmoid network on row vectors: source 003's network
// y_hat = f(f(f(xA - a)B - b)C - c), x a 1 x 3 row, A 3 x 5, B 5 x 4, C 4 x 3, the
// biases a (1 x 5), b (1 x 4), c (1 x 3) SUBTRACTED, E = 1/2 |y_hat - y|^2 and f the
// sigmoid; its gradients layer by layer as 003 derives them, then 003's recursion for
// any number l of weight matrices and any widths, with the activation a parameter
// (sigmoid, tanh, ReLU), each f' taken from the stored output f(.).
//
// This chapter keeps 003's convention: a sample is a ROW, a layer computes x W - b.
// The bridge to the book's columns (W = A^T, b = -a^T) is at the end of the file.
//
// The forward maps are templated on the scalar T (double, complex step, autodiff) and
// written as index sums, each product stored in a named variable (Eigen's
// AutoDiffScalar pads a constant's empty derivative vector only when it is stored).
// The hand-derived backward passes are double.
#pragma once

#include "backpropagation/backpropagation.hpp"
#include "core/parameters.hpp"
#include "core/scalar.hpp"
#include "jacobians_and_layouts/jacobians_and_layouts.hpp"
#include "one_hidden_layer/one_hidden_layer.hpp"
#include "softmax_cross_entropy/softmax_cross_entropy.hpp"

#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace deep_network {

using core::Matrix;
using core::MatrixT;
using core::Vector;
using core::VectorT;
using RowVector = Eigen::RowVectorXd;
template <class T> using RowVectorT = Eigen::Matrix<T, 1, Eigen::Dynamic>;

// ---------------------------------------------------------------------------
// Shapes, and a product that names them when they do not match
// ---------------------------------------------------------------------------

/// "5×4": the shape of a matrix as the text writes it.
template <class M> std::string shape(const M& m)
{
    return std::to_string(m.rows()) + "\u00d7" + std::to_string(m.cols());
}

/// The product L R, checked: Eigen's own check is an assert, absent in Release.
/// Throws std::invalid_argument naming both factors and their shapes.
// [dn_times]
inline Matrix times(const std::string& left, const Matrix& L, const std::string& right,
                    const Matrix& R)
{
    if (L.cols() != R.rows())
        throw std::invalid_argument(
            left + " (" + shape(L) + ") times " + right + " (" + shape(R) +
            ") is undefined: " + std::to_string(L.cols()) + " columns against " +
            std::to_string(R.rows()) + " rows");
    return L * R;
}
// [dn_times]

/// The difference L - R, checked like times().
inline Matrix minus(const std::string& left, const Matrix& L, const std::string& right,
                    const Matrix& R)
{
    if (L.rows() != R.rows() || L.cols() != R.cols())
        throw std::invalid_argument(left + " (" + shape(L) + ") minus " + right + " (" +
                                    shape(R) + ") is undefined: the shapes differ");
    return L - R;
}

// ---------------------------------------------------------------------------
// Activations: f, and f' from the stored output f(.)
// ---------------------------------------------------------------------------

/// The sigmoid of the chapter "Softmax and cross-entropy".
struct Sigmoid {
    static constexpr const char* name = "sigmoid";
    template <class T> static T f(const T& z)
    {
        return softmax_cross_entropy::sigmoid(z);
    }
    // [dn_sigmoid_prime]
    static double prime_from_output(double f_z)
    {
        return f_z * (1.0 - f_z); // f (1 - f), from the stored f alone
    }
    // [dn_sigmoid_prime]
};

/// tanh, whose derivative is also a function of its value.
struct Tanh {
    static constexpr const char* name = "tanh";
    template <class T> static T f(const T& z)
    {
        using std::tanh;
        return tanh(z);
    }
    // [dn_tanh_prime]
    static double prime_from_output(double f_z)
    {
        return 1.0 - f_z * f_z; // 1 - tanh^2, from the stored tanh alone
    }
    // [dn_tanh_prime]
};

/// ReLU of the chapter "One hidden layer", with ReLU'(0) = 0.
struct Relu {
    static constexpr const char* name = "ReLU";
    template <class T> static T f(const T& z) { return one_hidden_layer::relu(z); }
    // [dn_ex_relu]
    static double prime_from_output(double f_z)
    {
        return f_z > 0.0 ? 1.0 : 0.0; // ReLU'(0) = 0: an output of 0 passes nothing
    }
    // [dn_ex_relu]
};

/// f' entry by entry from the stored outputs f(net) (a row, or a batch of rows).
template <class F> Matrix prime(const Matrix& f_net)
{
    return f_net.unaryExpr([](double v) { return F::prime_from_output(v); });
}

// ---------------------------------------------------------------------------
// The forward maps (templated: double, complex step, autodiff)
// ---------------------------------------------------------------------------

/// One layer of 003: f(x W - bias) for a row x (1 x m), W (m x n), bias (1 x n).
/// `sign` = -1 subtracts the bias as 003 does; +1 adds it (an exercise).
// [dn_layer]
template <class F, class T>
RowVectorT<T> layer(const RowVectorT<T>& x, const MatrixT<T>& W,
                    const RowVectorT<T>& bias, double sign = -1.0)
{
    if (x.cols() != W.rows() || bias.cols() != W.cols())
        throw std::invalid_argument("layer: x (" + shape(x) + ") times W (" + shape(W) +
                                    ") minus bias (" + shape(bias) +
                                    ") does not chain");
    RowVectorT<T> out(W.cols());
    for (Eigen::Index j = 0; j < W.cols(); ++j) {
        T net = sign * bias(j); // - bias_j
        for (Eigen::Index k = 0; k < W.rows(); ++k) {
            const T term = x(k) * W(k, j); // stored first (AutoDiffScalar)
            net += term;
        }
        out(j) = F::f(net);
    }
    return out;
}
// [dn_layer]

/// E = 1/2 |y_hat - y|^2.
template <class T> T squared_error(const RowVectorT<T>& y_hat, const RowVector& y)
{
    if (y_hat.cols() != y.cols())
        throw std::invalid_argument("squared_error: y_hat (" + shape(y_hat) +
                                    ") and y (" + shape(y) + ") differ");
    T E(0.0);
    for (Eigen::Index j = 0; j < y.cols(); ++j) {
        const T d = y_hat(j) - y(j);
        const T d2 = d * d;
        E += d2;
    }
    return 0.5 * E;
}

/// 003's network: A (3 x 5), a (1 x 5), B (5 x 4), b (1 x 4), C (4 x 3), c (1 x 3),
/// or any widths that chain.
template <class T> struct NetworkT {
    MatrixT<T> A;
    RowVectorT<T> a;
    MatrixT<T> B;
    RowVectorT<T> b;
    MatrixT<T> C;
    RowVectorT<T> c;
};
using Network = NetworkT<double>;

/// E for the input row x and the target row y.
template <class T>
T loss(const NetworkT<T>& n, const RowVectorT<T>& x, const RowVector& y)
{
    // [dn_network]
    const RowVectorT<T> hidden1 = layer<Sigmoid, T>(x, n.A, n.a);       // f(xA - a)
    const RowVectorT<T> hidden2 = layer<Sigmoid, T>(hidden1, n.B, n.b); // f(. B - b)
    const RowVectorT<T> y_hat = layer<Sigmoid, T>(hidden2, n.C, n.c);   // f(. C - c)
    return squared_error<T>(y_hat, y);                                  // 1/2 |.|^2
    // [dn_network]
}

// ---------------------------------------------------------------------------
// 003's gradients, layer by layer (double)
// ---------------------------------------------------------------------------

/// What the forward pass stores: the outputs f(.) of every layer.
struct Forward {
    RowVector x, hidden1, hidden2, y_hat;
};

inline Forward forward(const Network& n, const RowVector& x)
{
    Forward s;
    s.x = x;
    s.hidden1 = layer<Sigmoid, double>(x, n.A, n.a);
    s.hidden2 = layer<Sigmoid, double>(s.hidden1, n.B, n.b);
    s.y_hat = layer<Sigmoid, double>(s.hidden2, n.C, n.c);
    return s;
}

/// Every gradient of E, each in the shape of its variable (rows for rows).
struct Gradients {
    Matrix dE_dA;
    RowVector dE_da;
    Matrix dE_dB;
    RowVector dE_db;
    Matrix dE_dC;
    RowVector dE_dc;
    RowVector dE_dx;
};

/// 003's results in Hadamard form, the diagonal Jacobians as products entry by entry.
inline Gradients gradients(const Network& n, const RowVector& x, const RowVector& y)
{
    const Forward s = forward(n, x);
    const RowVector ones3 = RowVector::Ones(s.y_hat.cols());
    const RowVector ones4 = RowVector::Ones(s.hidden2.cols());
    const RowVector ones5 = RowVector::Ones(s.hidden1.cols());
    Gradients g;
    // [dn_dc]
    g.dE_dc = -(s.y_hat - y).cwiseProduct(s.y_hat).cwiseProduct(ones3 - s.y_hat);
    // [dn_dc]
    // [dn_dC]
    g.dE_dC = -s.hidden2.transpose() * g.dE_dc; // (4 x 1)(1 x 3)
    // [dn_dC]
    // [dn_db]
    g.dE_db = (g.dE_dc * n.C.transpose())
                  .cwiseProduct(s.hidden2)
                  .cwiseProduct(ones4 - s.hidden2); // o hidden2 o (1 - hidden2)
    // [dn_db]
    // [dn_dB]
    g.dE_dB = -s.hidden1.transpose() * g.dE_db; // (5 x 1)(1 x 4)
    // [dn_dB]
    // [dn_da]
    g.dE_da = (g.dE_db * n.B.transpose())
                  .cwiseProduct(s.hidden1)
                  .cwiseProduct(ones5 - s.hidden1); // o hidden1 o (1 - hidden1)
    // [dn_da]
    // [dn_dA]
    g.dE_dA = -s.x.transpose() * g.dE_da; // (3 x 1)(1 x 5)
    // [dn_dA]
    // [dn_dx]
    g.dE_dx = -g.dE_da * n.A.transpose(); // (1 x 5)(5 x 3): a row like x
    // [dn_dx]
    return g;
}

/// diag(v): the Jacobian of an elementwise f, as 003 writes it.
inline Matrix diag(const RowVector& v)
{
    return Matrix(v.transpose().asDiagonal());
}

/// 003's chains of Jacobians as printed, each factor a matrix: (y_hat - y) (1 x 3),
/// the diagonal Jacobians D3 (3 x 3), D2 (4 x 4), D1 (5 x 5) with entries
/// f(.)(1 - f(.)), C^T, B^T and -I; every product checked.
inline Gradients gradients_as_printed(const Network& n, const RowVector& x,
                                      const RowVector& y)
{
    const Forward s = forward(n, x);
    Gradients g;
    // [dn_diagonal]
    const Matrix r = s.y_hat - y; // dE/dy_hat, a row
    const Matrix D3 = diag(s.y_hat.cwiseProduct(RowVector::Ones(3) - s.y_hat));
    const Matrix D2 = diag(s.hidden2.cwiseProduct(RowVector::Ones(4) - s.hidden2));
    const Matrix D1 = diag(s.hidden1.cwiseProduct(RowVector::Ones(5) - s.hidden1));
    const Matrix minus_I = -Matrix::Identity(3, 3); // d(hidden2 C - c)/dc
    g.dE_dc = times("(ŷ − y) D3", times("ŷ − y", r, "D3", D3), "−I", minus_I);
    const Matrix r_D3_Ct =
        times("(ŷ − y) D3", times("ŷ − y", r, "D3", D3), "Cᵀ", n.C.transpose());
    g.dE_db = -times("(ŷ − y) D3 Cᵀ", r_D3_Ct, "D2", D2);
    const Matrix r_D3_Ct_D2_Bt =
        times("(ŷ − y) D3 Cᵀ D2", times("(ŷ − y) D3 Cᵀ", r_D3_Ct, "D2", D2), "Bᵀ",
              n.B.transpose());
    g.dE_da = -times("(ŷ − y) D3 Cᵀ D2 Bᵀ", r_D3_Ct_D2_Bt, "D1", D1);
    g.dE_dC = -times("hidden2ᵀ", s.hidden2.transpose(), "∂E/∂c", g.dE_dc);
    g.dE_dB = -times("hidden1ᵀ", s.hidden1.transpose(), "∂E/∂b", g.dE_db);
    g.dE_dA = -times("xᵀ", s.x.transpose(), "∂E/∂a", g.dE_da);
    // [dn_diagonal]
    g.dE_dx = -times("∂E/∂a", g.dE_da, "Aᵀ", n.A.transpose());
    return g;
}

// ---------------------------------------------------------------------------
// 003's recursion: l layers, any widths, any activation F
// ---------------------------------------------------------------------------

/// W[k] (n_k x n_{k+1}) and b[k] (1 x n_{k+1}) for k = 0..l-1: layer k + 1 of 003.
template <class T> struct DeepT {
    std::vector<MatrixT<T>> W;
    std::vector<RowVectorT<T>> b;
};
using Deep = DeepT<double>;

/// 003's network as one of depth 3: W = [A, B, C], b = [a, b, c].
inline Deep deep_of(const Network& n)
{
    return {{n.A, n.B, n.C}, {n.a, n.b, n.c}};
}

/// The widths n_0 (the input), n_1, ..., n_l.
inline std::vector<Eigen::Index> widths_of(const Deep& n)
{
    std::vector<Eigen::Index> widths{n.W.empty() ? 0 : n.W.front().rows()};
    for (const Matrix& W : n.W)
        widths.push_back(W.cols());
    return widths;
}

/// All parameters in one vector [W1, b1, W2, b2, ...] (matrices column by column).
inline core::Layout layout_of(const std::vector<Eigen::Index>& widths)
{
    core::Layout layout;
    for (std::size_t k = 1; k < widths.size(); ++k) {
        const std::string i = std::to_string(k);
        layout.add("W" + i, widths[k - 1], widths[k]).add("b" + i, 1, widths[k]);
    }
    return layout;
}

template <class T>
DeepT<T> unflatten(const std::vector<Eigen::Index>& widths, const VectorT<T>& p)
{
    const core::Layout layout = layout_of(widths);
    DeepT<T> n;
    for (std::size_t k = 1; k < widths.size(); ++k) {
        const std::string i = std::to_string(k);
        n.W.push_back(layout.view(p, "W" + i));
        n.b.push_back(layout.view(p, "b" + i));
    }
    return n;
}

/// Flattens W[k], b[k] (the network, or its gradients) in the order of layout_of.
inline Vector flatten(const std::vector<Matrix>& W, const std::vector<RowVector>& b)
{
    std::vector<Eigen::Index> widths{W.front().rows()};
    for (const Matrix& Wk : W)
        widths.push_back(Wk.cols());
    const core::Layout layout = layout_of(widths);
    Vector p(layout.size());
    for (std::size_t k = 0; k < W.size(); ++k) {
        const std::string i = std::to_string(k + 1);
        layout.view(p, "W" + i) = W[k];
        layout.view(p, "b" + i) = b[k];
    }
    return p;
}

/// y_hat = x_{l+1}, x_{k+1} = f(x_k W_k - b_k), x_1 = x (003 counts from 1).
template <class F, class T>
RowVectorT<T> output(const DeepT<T>& n, const RowVectorT<T>& x, double sign = -1.0)
{
    if (n.W.empty() || n.W.size() != n.b.size())
        throw std::invalid_argument(
            "output: " + std::to_string(n.W.size()) + " weight matrices and " +
            std::to_string(n.b.size()) + " biases (expected l >= 1 of each)");
    RowVectorT<T> x_k = x;
    for (std::size_t k = 0; k < n.W.size(); ++k)
        x_k = layer<F, T>(x_k, n.W[k], n.b[k], sign);
    return x_k;
}

template <class F, class T>
T deep_loss(const DeepT<T>& n, const RowVectorT<T>& x, const RowVector& y,
            double sign = -1.0)
{
    return squared_error<T>(output<F, T>(n, x, sign), y);
}

/// The forward pass, storing every layer's input: xs[0] = x, ..., xs[l] = y_hat.
template <class F>
std::vector<RowVector> forward_pass(const Deep& n, const RowVector& x,
                                    double sign = -1.0)
{
    std::vector<RowVector> xs{x};
    for (std::size_t k = 0; k < n.W.size(); ++k)
        xs.push_back(layer<F, double>(xs.back(), n.W[k], n.b[k], sign));
    return xs;
}

struct DeepGradients {
    std::vector<Matrix> dW;
    std::vector<RowVector> db;
    RowVector dx;
};

/// 003's recursion, from the last layer to the first (k counted from 0 here, so
/// layer k has input xs[k], weights W[k], bias b[k] and output xs[k + 1]).
template <class F>
DeepGradients recursion(const Deep& n, const RowVector& x, const RowVector& y)
{
    const std::vector<RowVector> xs = forward_pass<F>(n, x);
    const std::size_t l = n.W.size();
    const RowVector& y_hat = xs[l];
    DeepGradients g;
    g.dW.resize(l);
    g.db.resize(l);
    // [dn_db_last]
    g.db[l - 1] = -(y_hat - y).cwiseProduct(prime<F>(y_hat)); // -(y_hat - y) o f'
    // [dn_db_last]
    for (std::size_t k = l - 1; k-- > 0;) {
        // [dn_db_k]
        const RowVector back =
            jacobians_and_layouts::dJ_dx_row(g.db[k + 1], n.W[k + 1]);
        g.db[k] = back.cwiseProduct(prime<F>(xs[k + 1])); // (dE/db_k+1 W_k+1^T) o f'
        // [dn_db_k]
    }
    for (std::size_t k = 0; k < l; ++k) {
        // [dn_dW_k]
        g.dW[k] = -jacobians_and_layouts::dJ_dW_row(xs[k], g.db[k]); // -x_k^T dE/db_k
        // [dn_dW_k]
    }
    g.dx = -jacobians_and_layouts::dJ_dx_row(g.db[0], n.W[0]); // -dE/db_1 W_1^T
    return g;
}

/// ||dE/dW_k||, the Frobenius norm of each layer's weight gradient.
template <class F>
std::vector<double> weight_gradient_norms(const Deep& n, const RowVector& x,
                                          const RowVector& y)
{
    std::vector<double> norms;
    for (const Matrix& dW : recursion<F>(n, x, y).dW)
        norms.push_back(dW.norm());
    return norms;
}

// ---------------------------------------------------------------------------
// Initialisation for the depth experiment
// ---------------------------------------------------------------------------

/// The bound r of U(-r, r) for a layer of n_in inputs and n_out outputs: Glorot and
/// Bengio's sqrt(6 / (n_in + n_out)), which keeps the variance of the signal and of
/// the gradient about equal across layers for tanh (and is the usual choice for the
/// sigmoid); He's sqrt(6 / n_in), which doubles it for ReLU, whose output is zero for
/// half its inputs.
// [dn_initialisation]
inline double glorot_bound(Eigen::Index n_in, Eigen::Index n_out)
{
    return std::sqrt(6.0 / static_cast<double>(n_in + n_out));
}
inline double he_bound(Eigen::Index n_in)
{
    return std::sqrt(6.0 / static_cast<double>(n_in));
}
// [dn_initialisation]

/// A network with widths n_0..n_l whose weights are the given U(-1, 1) draws U[k]
/// scaled by each layer's bound, and whose biases are zero.
template <class Bound>
Deep scaled_network(const std::vector<Matrix>& U, const Bound& bound)
{
    Deep n;
    for (const Matrix& Uk : U) {
        n.W.push_back(bound(Uk.rows(), Uk.cols()) * Uk);
        n.b.emplace_back(RowVector::Zero(Uk.cols()));
    }
    return n;
}

/// The depth experiment: one input row x, one target row y in (0, 1), and three
/// networks of `depth` layers of `width` units with zero biases, whose weights are
/// the same U(-1, 1) draws scaled by Glorot's bound (sigmoid, tanh) or He's (ReLU).
/// `draw(rows, cols)` returns a matrix of U(-1, 1) numbers; the program and the tests
/// pass book::random_matrix, so that both see the same numbers for a seed.
struct DepthExperiment {
    RowVector x, y;
    Deep sigmoid, tanh, relu;
};

template <class Draw>
DepthExperiment depth_experiment(Eigen::Index depth, Eigen::Index width,
                                 const Draw& draw)
{
    DepthExperiment e;
    std::vector<Matrix> U;
    for (Eigen::Index k = 0; k < depth; ++k)
        U.push_back(draw(width, width));
    e.x = draw(1, width);
    e.y = 0.5 * (draw(1, width).array() + 1.0); // in (0, 1), reachable by all three
    e.sigmoid = scaled_network(U, glorot_bound);
    e.tanh = e.sigmoid;
    e.relu = scaled_network(
        U, [](Eigen::Index n_in, Eigen::Index) { return he_bound(n_in); });
    return e;
}

// ---------------------------------------------------------------------------
// The bridge to the book's columns: W_k = (its row form)^T, b_k = -(bias)^T
// ---------------------------------------------------------------------------

template <class T> struct ColumnNetworkT {
    std::vector<MatrixT<T>> W;
    std::vector<VectorT<T>> b;
};
using ColumnNetwork = ColumnNetworkT<double>;

/// The same network in the book's convention, z = W x + b with ADDED biases.
// [dn_column]
inline ColumnNetwork to_columns(const Deep& n)
{
    ColumnNetwork m;
    for (std::size_t k = 0; k < n.W.size(); ++k) {
        m.W.emplace_back(n.W[k].transpose());  // W_k = (row form)^T: n_{k+1} x n_k
        m.b.emplace_back(-n.b[k].transpose()); // b_k = -(bias)^T, added
    }
    return m;
}
// [dn_column]

/// f(W x + b) for a column x, summing in the order of layer() above.
template <class T>
VectorT<T> column_layer(const MatrixT<T>& W, const VectorT<T>& x, const VectorT<T>& b)
{
    if (x.rows() != W.cols() || b.rows() != W.rows())
        throw std::invalid_argument("column_layer: W (" + shape(W) + ") times x (" +
                                    shape(x) + ") plus b (" + shape(b) +
                                    ") does not chain");
    VectorT<T> z(W.rows());
    for (Eigen::Index j = 0; j < W.rows(); ++j) {
        T z_j = b(j);
        for (Eigen::Index k = 0; k < W.cols(); ++k) {
            const T term = W(j, k) * x(k);
            z_j += term;
        }
        z(j) = Sigmoid::f(z_j);
    }
    return z;
}

template <class T>
T column_loss(const ColumnNetworkT<T>& m, const VectorT<T>& x, const Vector& y)
{
    VectorT<T> h = x;
    for (std::size_t k = 0; k < m.W.size(); ++k)
        h = column_layer<T>(m.W[k], h, m.b[k]);
    return squared_error<T>(RowVectorT<T>(h.transpose()), y.transpose());
}

struct ColumnGradients {
    std::vector<Matrix> dW;
    std::vector<Vector> db;
};

/// The column network's backward pass with the chapters before: chapter 4's
/// dC/dz = dC/da o a(1 - a), chapter 3's delta x^T and W^T delta.
inline ColumnGradients column_gradients(const ColumnNetwork& m, const Vector& x,
                                        const Vector& y)
{
    std::vector<Vector> h{x};
    for (std::size_t k = 0; k < m.W.size(); ++k)
        h.push_back(column_layer<double>(m.W[k], h.back(), m.b[k]));
    const std::size_t l = m.W.size();
    ColumnGradients g;
    g.dW.resize(l);
    g.db.resize(l);
    Vector delta = backpropagation::dC_dz(h[l], h[l] - y); // (y_hat - y) o f'
    for (std::size_t k = l; k-- > 0;) {
        g.dW[k] = jacobians_and_layouts::dJ_dW(delta, h[k]); // delta h^T
        g.db[k] = delta;                                     // an added bias: +delta
        if (k > 0)
            delta = backpropagation::dC_dz(h[k],
                                           jacobians_and_layouts::dJ_dx(delta, m.W[k]));
    }
    return g;
}

// ---------------------------------------------------------------------------
// Source 003 read literally (negative controls and shape errors)
// ---------------------------------------------------------------------------

/// diag(f'(net)) for the sigmoid, net a row or a column: a diagonal Jacobian.
inline Matrix diag_prime(const Matrix& net)
{
    const Matrix f_net = net.unaryExpr([](double v) { return Sigmoid::f(v); });
    const Matrix d = prime<Sigmoid>(f_net);
    return Matrix(Eigen::Map<const Vector>(d.data(), d.size()).asDiagonal());
}

/// 003's D2 as its label reads, df(B hidden1 - b)/d(B hidden1 - b): the product
/// B hidden1 of a 5 x 4 matrix and a 1 x 5 row is undefined, and times() says so.
// [dn_literal_B_hidden1]
inline Matrix literal_D2(const Network& n, const RowVector& hidden1)
{
    return diag_prime(
        minus("B hidden1", times("B", n.B, "hidden1", hidden1), "b", n.b));
}
// [dn_literal_B_hidden1]

/// 003's general rule as its sentence reads: layer k outputs f(W_k x_k - b_k), and
/// the recurring factor is df(W_k x_k - b_k)/d(W_k x_k - b_k). With x_k the row of
/// 003's convention, W_k x_k is undefined. With x_k a column (x_k^T) and W_k square,
/// it is defined: the factor is then taken at W_k x_k^T - b_k^T, the pre-activation
/// of a network with W_k transposed.
// [dn_literal_general]
inline Matrix literal_factor(const Matrix& W_k, const Matrix& x_k, const Matrix& b_k)
{
    return diag_prime(minus("W_k x_k", times("W_k", W_k, "x_k", x_k), "b_k", b_k));
}

/// The recursion with that factor: dE/db_k = dE/db_k+1 W_k+1^T D_k, D_k from
/// W_k x_k^T - b_k^T (x_k a column, every W_k square).
inline DeepGradients literal_recursion(const Deep& n, const RowVector& x,
                                       const RowVector& y)
{
    const std::vector<RowVector> xs = forward_pass<Sigmoid>(n, x);
    const std::size_t l = n.W.size();
    DeepGradients g;
    g.dW.resize(l);
    g.db.resize(l);
    const auto D = [&](std::size_t k) {
        return literal_factor(n.W[k], xs[k].transpose(), n.b[k].transpose());
    };
    g.db[l - 1] = -(xs[l] - y) * D(l - 1);
    for (std::size_t k = l - 1; k-- > 0;)
        g.db[k] = g.db[k + 1] * n.W[k + 1].transpose() * D(k);
    for (std::size_t k = 0; k < l; ++k)
        g.dW[k] = -xs[k].transpose() * g.db[k];
    return g;
}
// [dn_literal_general]

} // namespace deep_network
