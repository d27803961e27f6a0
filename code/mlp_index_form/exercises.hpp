// The worked solutions of the exercises of "The multilayer perceptron in index form":
// each is a formula of its own, checked by tests/mlp_index_form.cpp like the
// chapter's.
#pragma once

#include "mlp_index_form/mlp_index_form.hpp"

#include <cmath>

namespace mlp_index_form {

// ---------------------------------------------------------------------------
// Exercise 1: biases, net_j = sum_i w_ji x_i + b_j and net_k = sum_j w_kj y_j + b_k
// ---------------------------------------------------------------------------

/// L of the network with the biases b_j (h) and b_k (c).
template <class F, class T>
T biased_loss(const Network& n, const VectorT<T>& b_j, const VectorT<T>& b_k,
              const Vector& x, const Vector& t)
{
    VectorT<T> z_k(n.w_kj.rows());
    VectorT<T> y_j(n.w_ji.rows());
    for (Eigen::Index j = 0; j < y_j.size(); ++j) {
        const T net_j = n.w_ji.row(j).dot(x) + b_j(j); // the weights are constants
        y_j(j) = F::f(net_j);
    }
    for (Eigen::Index k = 0; k < z_k.size(); ++k) {
        T net_k = b_k(k);
        for (Eigen::Index j = 0; j < y_j.size(); ++j) {
            const T term = n.w_kj(k, j) * y_j(j); // stored: see forward()
            net_k += term;
        }
        z_k(k) = F::f(net_k);
    }
    return squared_error<T>(z_k, t);
}

/// [dL/db_j, dL/db_k]: a bias is a weight whose input is always 1.
// [mi_ex_bias]
template <class F>
Vector bias_gradient(const Network& n, const Vector& b_j, const Vector& b_k,
                     const Vector& x, const Vector& t)
{
    const Vector net_j = n.w_ji * x + b_j;
    const Vector net_k = n.w_kj * f_of<F>(net_j) + b_k;
    const Vector delta_k = -(t - f_of<F>(net_k)).cwiseProduct(f_prime_of<F>(net_k));
    const Vector delta_j =
        (n.w_kj.transpose() * delta_k).cwiseProduct(f_prime_of<F>(net_j));
    Vector dL_db(b_j.size() + b_k.size());
    dL_db << delta_j, delta_k; // dL/db_j = delta_j x 1, dL/db_k = delta_k x 1
    return dL_db;
}
// [mi_ex_bias]

// ---------------------------------------------------------------------------
// Exercise 2: the gradient with respect to the input, dL/dx_i
// ---------------------------------------------------------------------------

// [mi_ex_input]
template <class F>
Vector input_gradient(const Network& n, const Vector& x, const Vector& t)
{
    const Gradients g = gradients<F>(n, x, t);
    Vector dL_dx(x.size());
    for (Eigen::Index i = 0; i < x.size(); ++i) {
        double sum = 0.0;
        for (Eigen::Index j = 0; j < n.w_ji.rows(); ++j)
            sum += g.delta_j(j) * n.w_ji(j, i); // x_i feeds every hidden unit j
        dL_dx(i) = sum;
    }
    return dL_dx;
}
// [mi_ex_input]

// ---------------------------------------------------------------------------
// Exercise 3: cross-entropy with sigmoid outputs,
// L = -sum_k [t_k ln z_k + (1 - t_k) ln(1 - z_k)]
// ---------------------------------------------------------------------------

template <class T>
T sigmoid_cross_entropy(const NetworkT<T>& n, const VectorT<T>& x, const Vector& t)
{
    using std::log;
    const VectorT<T> z_k = forward<Sigmoid, T>(n, x).z_k;
    T L(0.0);
    for (Eigen::Index k = 0; k < z_k.size(); ++k) {
        const T on = t(k) * log(z_k(k));
        const T off = (1.0 - t(k)) * log(1.0 - z_k(k));
        L -= on;
        L -= off;
    }
    return L;
}

// [mi_ex_ce_sigmoid]
inline Gradients sigmoid_cross_entropy_gradients(const Network& n, const Vector& x,
                                                 const Vector& t)
{
    const Forward s = forward<Sigmoid, double>(n, x);
    const Vector delta_k = s.z_k - t; // f'(net_k) = z_k (1 - z_k) cancels
    return gradients_from_delta_k<Sigmoid>(n, s, delta_k);
}
// [mi_ex_ce_sigmoid]

// ---------------------------------------------------------------------------
// Exercise 4: a second hidden layer, x_i -> y_j -> y_m -> z_k, with weights w_ji,
// w_mj and w_km
// ---------------------------------------------------------------------------

template <class T> struct DeepNetworkT {
    MatrixT<T> w_ji;
    MatrixT<T> w_mj;
    MatrixT<T> w_km;
};
using DeepNetwork = DeepNetworkT<double>;

template <class F, class T>
T deep_loss(const DeepNetworkT<T>& n, const VectorT<T>& x, const Vector& t)
{
    const VectorT<T> y_j = forward<F, T>(NetworkT<T>{n.w_ji, n.w_mj}, x).y_j;
    return loss<F, T>(NetworkT<T>{n.w_mj, n.w_km}, y_j, t); // the top two layers
}

// [mi_ex_deep]
template <class F>
Matrix deep_dL_dw_ji(const DeepNetwork& n, const Vector& x, const Vector& t)
{
    const Network bottom{n.w_ji, n.w_mj}; // x_i -> y_j -> y_m
    const Network top{n.w_mj, n.w_km};    // y_j -> y_m -> z_k
    const Forward below = forward<F, double>(bottom, x);
    const Forward above = forward<F, double>(top, below.y_j);
    const Vector delta_k = delta_k_of<F>(above, t);
    const Vector delta_m = gradients_from_delta_k<F>(top, above, delta_k).delta_j;
    return gradients_from_delta_k<F>(bottom, below, delta_m).dL_dw_ji; // once more
}
// [mi_ex_deep]

} // namespace mlp_index_form
