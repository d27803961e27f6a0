// The multilayer perceptron in index form: source 001's three-layer network, inputs
// x_i (i = 1..d), hidden units net_j = sum_i w_ji x_i, y_j = f(net_j) (j = 1..h),
// output units net_k = sum_j w_kj y_j, z_k = f(net_k) (k = 1..c), no biases, and the
// squared error L = 1/2 sum_k (t_k - z_k)^2 against the target t (001 writes y).
//
// The activation f is a type parameter F: a struct with f for any scalar type and f'
// for double (Sigmoid, Tanh, Softplus below). The forward pass is templated on the
// scalar T (double, complex step, autodiff) and written as the index sums of 001.
// The hand-derived gradients are double: first as loops over the indices, as 001
// writes them, then in matrix form through the chapter Jacobians and layouts. Code
// indices count from 0, the formulas' from 1.
#pragma once

#include "core/checks.hpp"
#include "core/parameters.hpp"
#include "core/scalar.hpp"
#include "jacobians_and_layouts/jacobians_and_layouts.hpp"
#include "softmax_cross_entropy/softmax_cross_entropy.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace mlp_index_form {

using core::Matrix;
using core::MatrixT;
using core::Vector;
using core::VectorT;

// ---------------------------------------------------------------------------
// Activations: f for any scalar, f' for double
// ---------------------------------------------------------------------------

// [mi_activation]
/// The logistic sigmoid of the softmax chapter; f' = f (1 - f).
struct Sigmoid {
    static constexpr const char* name = "sigmoid";
    template <class T> static T f(const T& a)
    {
        return softmax_cross_entropy::sigmoid(a);
    }
    static double f_prime(double a)
    {
        const double f_a = softmax_cross_entropy::sigmoid(a);
        return f_a * (1.0 - f_a); // from the output f(a), as in chapter 4
    }
};

/// The hyperbolic tangent; f' = 1 - f^2.
struct Tanh {
    static constexpr const char* name = "tanh";
    template <class T> static T f(const T& a)
    {
        using std::tanh;
        return tanh(a);
    }
    static double f_prime(double a)
    {
        const double f_a = std::tanh(a);
        return 1.0 - f_a * f_a;
    }
};

/// Softplus ln(1 + e^a), smooth and unbounded above; f' = sigmoid(a).
struct Softplus {
    static constexpr const char* name = "softplus";
    template <class T> static T f(const T& a)
    {
        using std::exp;
        using std::log;
        if (core::real_part(a) > 0.0) // the same function, e^a never overflows
            return a + log(1.0 + exp(-a));
        return log(1.0 + exp(a));
    }
    static double f_prime(double a) { return softmax_cross_entropy::sigmoid(a); }
};
// [mi_activation]

/// f' of every entry of a.
template <class F> Vector f_prime_of(const Vector& a)
{
    Vector d(a.size());
    for (Eigen::Index j = 0; j < a.size(); ++j)
        d(j) = F::f_prime(a(j));
    return d;
}

/// f of every entry of a.
template <class F> Vector f_of(const Vector& a)
{
    Vector v(a.size());
    for (Eigen::Index j = 0; j < a.size(); ++j)
        v(j) = F::f(a(j));
    return v;
}

// ---------------------------------------------------------------------------
// The network and its forward pass (templated: double, complex step, autodiff)
// ---------------------------------------------------------------------------

/// The weights: w_ji (h x d) from input i to hidden unit j, w_kj (c x h) from hidden
/// unit j to output unit k. No biases, as in 001.
template <class T> struct NetworkT {
    MatrixT<T> w_ji;
    MatrixT<T> w_kj;
};
using Network = NetworkT<double>;

/// h x d and c x h, h the same in both.
template <class T> void require_network(const char* who, const NetworkT<T>& n)
{
    if (n.w_ji.rows() < 1 || n.w_ji.cols() < 1 || n.w_kj.rows() < 1 ||
        n.w_kj.cols() != n.w_ji.rows())
        throw std::invalid_argument(
            std::string(who) + ": w_ji " + std::to_string(n.w_ji.rows()) + "x" +
            std::to_string(n.w_ji.cols()) + " and w_kj " +
            std::to_string(n.w_kj.rows()) + "x" + std::to_string(n.w_kj.cols()) +
            " do not chain (expected h x d and c x h)");
}

/// The two weight matrices in one vector [w_ji, w_kj], column by column.
inline core::Layout layout_of(const Network& n)
{
    core::Layout layout;
    layout.add("w_ji", n.w_ji.rows(), n.w_ji.cols())
        .add("w_kj", n.w_kj.rows(), n.w_kj.cols());
    return layout;
}

inline Vector flatten(const Network& n)
{
    require_network("flatten", n);
    return core::flatten(layout_of(n), n.w_ji, n.w_kj);
}

template <class T>
NetworkT<T> unflatten(const core::Layout& layout, const VectorT<T>& p)
{
    return {layout.view(p, "w_ji"), layout.view(p, "w_kj")};
}

/// What the forward pass computes, kept for the backward pass.
template <class T> struct ForwardT {
    VectorT<T> x;
    VectorT<T> net_j;
    VectorT<T> y_j;
    VectorT<T> net_k;
    VectorT<T> z_k;
};
using Forward = ForwardT<double>;

template <class F, class T>
ForwardT<T> forward(const NetworkT<T>& n, const VectorT<T>& x)
{
    require_network("forward", n);
    if (x.size() != n.w_ji.cols())
        throw std::invalid_argument(
            "forward: x has " + std::to_string(x.size()) +
            " entries but w_ji has d = " + std::to_string(n.w_ji.cols()) + " columns");
    const Eigen::Index d = n.w_ji.cols();
    const Eigen::Index h = n.w_ji.rows();
    const Eigen::Index c = n.w_kj.rows();
    ForwardT<T> s{x, VectorT<T>(h), VectorT<T>(h), VectorT<T>(c), VectorT<T>(c)};
    // [mi_network]
    for (Eigen::Index j = 0; j < h; ++j) {
        T net_j(0.0);
        for (Eigen::Index i = 0; i < d; ++i) {
            // Stored first: Eigen's AutoDiffScalar pads a constant's empty derivative
            // vector with zeros only when it is stored, not inside an expression.
            const T term = n.w_ji(j, i) * x(i);
            net_j += term; // net_j = sum_i w_ji x_i
        }
        s.net_j(j) = net_j;
        s.y_j(j) = F::f(net_j); // y_j = f(net_j)
    }
    for (Eigen::Index k = 0; k < c; ++k) {
        T net_k(0.0);
        for (Eigen::Index j = 0; j < h; ++j) {
            const T term = n.w_kj(k, j) * s.y_j(j);
            net_k += term; // net_k = sum_j w_kj y_j
        }
        s.net_k(k) = net_k;
        s.z_k(k) = F::f(net_k); // z_k = f(net_k)
    }
    // [mi_network]
    return s;
}

/// L = 1/2 sum_k (t_k - z_k)^2 of the outputs z_k.
template <class T> T squared_error(const VectorT<T>& z_k, const Vector& t)
{
    core::require_same_size("squared_error", "z", z_k, "t", t, "one target per output");
    // [mi_loss]
    T L(0.0);
    for (Eigen::Index k = 0; k < z_k.size(); ++k) {
        const T e = t(k) - z_k(k);
        const T e2 = e * e;
        L += e2;
    }
    return 0.5 * L;
    // [mi_loss]
}

/// The loss L of one sample x with target t.
template <class F, class T>
T loss(const NetworkT<T>& n, const VectorT<T>& x, const Vector& t)
{
    return squared_error<T>(forward<F, T>(n, x).z_k, t);
}

/// L as a function of the output units' net_k: 1/2 sum_k (t_k - f(net_k))^2.
template <class F, class T> T loss_of_net_k(const VectorT<T>& net_k, const Vector& t)
{
    VectorT<T> z_k(net_k.size());
    for (Eigen::Index k = 0; k < net_k.size(); ++k)
        z_k(k) = F::f(net_k(k));
    return squared_error<T>(z_k, t);
}

// ---------------------------------------------------------------------------
// The hand-derived gradients in index form (double)
// ---------------------------------------------------------------------------

/// dL/dw_kj and dL/dw_ji, with the output units' delta_k = dL/dnet_k and the hidden
/// units' delta_j = dL/dnet_j that give them.
struct Gradients {
    Vector delta_k;
    Vector delta_j;
    Matrix dL_dw_kj;
    Matrix dL_dw_ji;
};

/// delta_k = dL/dnet_k = -(t_k - z_k) f'(net_k) for the squared error.
template <class F> Vector delta_k_of(const Forward& s, const Vector& t)
{
    core::require_same_size("delta_k_of", "z", s.z_k, "t", t, "one target per output");
    Vector delta_k(s.z_k.size());
    // [mi_delta_k]
    for (Eigen::Index k = 0; k < s.z_k.size(); ++k)
        delta_k(k) = -(t(k) - s.z_k(k)) * F::f_prime(s.net_k(k));
    // [mi_delta_k]
    return delta_k;
}

/// Both weight gradients from the output units' delta_k: everything the backward pass
/// does below the loss, the same whatever the loss is.
template <class F>
Gradients gradients_from_delta_k(const Network& n, const Forward& s,
                                 const Vector& delta_k)
{
    const Eigen::Index d = n.w_ji.cols();
    const Eigen::Index h = n.w_ji.rows();
    const Eigen::Index c = n.w_kj.rows();
    if (delta_k.size() != c)
        throw std::invalid_argument(
            "gradients_from_delta_k: delta_k has " + std::to_string(delta_k.size()) +
            " entries for c = " + std::to_string(c) + " outputs");
    Gradients g{delta_k, Vector(h), Matrix(c, h), Matrix(h, d)};
    // [mi_dw_kj]
    for (Eigen::Index k = 0; k < c; ++k)
        for (Eigen::Index j = 0; j < h; ++j)
            g.dL_dw_kj(k, j) = delta_k(k) * s.y_j(j); // -(t_k - z_k) f'(net_k) y_j
    // [mi_dw_kj]
    // [mi_dw_ji]
    for (Eigen::Index j = 0; j < h; ++j) {
        double sum = 0.0;
        for (Eigen::Index k = 0; k < c; ++k) // the output units, k = 1..c
            sum += delta_k(k) * n.w_kj(k, j);
        g.delta_j(j) = sum * F::f_prime(s.net_j(j));
        for (Eigen::Index i = 0; i < d; ++i)
            g.dL_dw_ji(j, i) = g.delta_j(j) * s.x(i); // delta_j x_i
    }
    // [mi_dw_ji]
    return g;
}

/// The gradients of the squared error of one sample, by the loops of 001.
template <class F>
Gradients gradients(const Network& n, const Vector& x, const Vector& t)
{
    const Forward s = forward<F, double>(n, x);
    return gradients_from_delta_k<F>(n, s, delta_k_of<F>(s, t));
}

// ---------------------------------------------------------------------------
// The same in matrix form: delta x^T and W^T delta of the chapter Jacobians and
// layouts, with W_hid = [w_ji] and W_out = [w_kj]
// ---------------------------------------------------------------------------

template <class F>
Gradients matrix_gradients(const Network& n, const Vector& x, const Vector& t)
{
    require_network("matrix_gradients", n);
    const Matrix& W_hid = n.w_ji;
    const Matrix& W_out = n.w_kj;
    const Vector net_hid = W_hid * x;
    const Vector y = f_of<F>(net_hid);
    const Vector net_out = W_out * y;
    const Vector z = f_of<F>(net_out);
    core::require_same_size("matrix_gradients", "z", z, "t", t,
                            "one target per output");
    Gradients g;
    // [mi_matrix]
    g.delta_k = -(t - z).cwiseProduct(f_prime_of<F>(net_out)); // delta_out
    g.dL_dw_kj = jacobians_and_layouts::dJ_dW(g.delta_k, y);   // delta_out y^T
    const Vector dL_dy =
        jacobians_and_layouts::dJ_dx(g.delta_k, W_out);      // W_out^T delta_out
    g.delta_j = dL_dy.cwiseProduct(f_prime_of<F>(net_hid));  // delta_hid
    g.dL_dw_ji = jacobians_and_layouts::dJ_dW(g.delta_j, x); // delta_hid x^T
    // [mi_matrix]
    return g;
}

// ---------------------------------------------------------------------------
// The update rule
// ---------------------------------------------------------------------------

/// One step of 001's rule on one sample, at the learning rate eta (001: eta = 1):
/// w_kj += eta (t_k - z_k) f'(net_k) y_j, and for w_ji the book's rule, which 001
/// does not give. Both read the weights BEFORE the step.
template <class F>
Network update(const Network& n, const Vector& x, const Vector& t, double eta)
{
    const Forward s = forward<F, double>(n, x);
    core::require_same_size("update", "z", s.z_k, "t", t, "one target per output");
    const Eigen::Index d = n.w_ji.cols();
    const Eigen::Index h = n.w_ji.rows();
    const Eigen::Index c = n.w_kj.rows();
    Network next = n;
    // [mi_update]
    for (Eigen::Index k = 0; k < c; ++k)
        for (Eigen::Index j = 0; j < h; ++j)
            next.w_kj(k, j) +=
                eta * (t(k) - s.z_k(k)) * F::f_prime(s.net_k(k)) * s.y_j(j);
    for (Eigen::Index j = 0; j < h; ++j) {
        double sum = 0.0;
        for (Eigen::Index k = 0; k < c; ++k) // the old w_kj, not next's
            sum += (t(k) - s.z_k(k)) * F::f_prime(s.net_k(k)) * n.w_kj(k, j);
        for (Eigen::Index i = 0; i < d; ++i)
            next.w_ji(j, i) += eta * sum * F::f_prime(s.net_j(j)) * x(i);
    }
    // [mi_update]
    return next;
}

/// One step of gradient descent, w <- w - eta dL/dw, from a gradient.
inline Network gradient_descent_step(const Network& n, const Gradients& g, double eta)
{
    return {n.w_ji - eta * g.dL_dw_ji, n.w_kj - eta * g.dL_dw_kj};
}

// ---------------------------------------------------------------------------
// The output layer replaced by softmax and cross-entropy (001, section 1)
// ---------------------------------------------------------------------------

/// L = -sum_k t_k ln S_k with S = softmax(net_k): f is applied to the hidden units
/// only, the output units' net_k are the logits.
template <class F, class T>
T softmax_loss(const NetworkT<T>& n, const VectorT<T>& x, const Vector& t)
{
    return softmax_cross_entropy::cross_entropy<T>(forward<F, T>(n, x).net_k, t);
}

template <class F>
Gradients softmax_gradients(const Network& n, const Vector& x, const Vector& t)
{
    const Forward s = forward<F, double>(n, x); // its z_k are not used
    // [mi_softmax]
    const Vector delta_k = softmax_cross_entropy::dJ_dtheta(s.net_k, t); // S_k - t_k
    return gradients_from_delta_k<F>(n, s, delta_k); // the hidden layer unchanged
    // [mi_softmax]
}

// ---------------------------------------------------------------------------
// Source 001 read literally (negative control)
// ---------------------------------------------------------------------------

/// 001's dL/dw_ji as printed, the sum over k = 1..h (the HIDDEN width) where the c
/// output units are meant. For h > c it would read w_kj and z_k past the output
/// layer: an error naming the sizes. For h < c it drops the output units h+1..c.
// [mi_printed_dw_ji]
template <class F>
Matrix printed_dL_dw_ji(const Network& n, const Vector& x, const Vector& t)
{
    const Forward s = forward<F, double>(n, x);
    const Eigen::Index d = n.w_ji.cols();
    const Eigen::Index h = n.w_ji.rows();
    const Eigen::Index c = n.w_kj.rows();
    if (h > c)
        throw std::out_of_range(
            "printed_dL_dw_ji: the sum over k = 1..h = " + std::to_string(h) +
            " reads w_kj, t_k and z_k for k up "
            "to h, but there are c = " +
            std::to_string(c) + " output units");
    Matrix dL_dw_ji(h, d);
    for (Eigen::Index j = 0; j < h; ++j)
        for (Eigen::Index i = 0; i < d; ++i) {
            double sum = 0.0;
            for (Eigen::Index k = 0; k < h; ++k) // k = 1..h, as printed
                sum += -(t(k) - s.z_k(k)) * F::f_prime(s.net_k(k)) * n.w_kj(k, j);
            dL_dw_ji(j, i) = sum * F::f_prime(s.net_j(j)) * x(i);
        }
    return dL_dw_ji;
}
// [mi_printed_dw_ji]

} // namespace mlp_index_form
