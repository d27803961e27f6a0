// The worked solutions of the exercises of "A deep sigmoid network on row vectors":
// each is a formula of its own, checked by tests/deep_network.cpp like the chapter's.
// (The ReLU of exercise 2 is deep_network::Relu, which the program uses too.)
#pragma once

#include "deep_network/deep_network.hpp"

#include <cstddef>
#include <vector>

namespace deep_network {

// ---------------------------------------------------------------------------
// Exercise 1: a batch of rows, X (B x n_0) and Y (B x n_l), E the sum over rows
// ---------------------------------------------------------------------------

/// E = sum over the rows r of 1/2 |y_hat_r - y_r|^2, each row through the network.
template <class F, class T>
T batch_loss(const DeepT<T>& n, const MatrixT<T>& X, const Matrix& Y)
{
    if (X.rows() != Y.rows())
        throw std::invalid_argument("batch_loss: X (" + shape(X) + ") and Y (" +
                                    shape(Y) + ") have different numbers of rows");
    T E(0.0);
    for (Eigen::Index r = 0; r < X.rows(); ++r) {
        const T E_r = deep_loss<F, T>(n, RowVectorT<T>(X.row(r)), RowVector(Y.row(r)));
        E += E_r;
    }
    return E;
}

/// The recursion on all rows at once: row r of G is sample r's dE/db_k.
template <class F>
DeepGradients batch_gradients(const Deep& n, const Matrix& X, const Matrix& Y)
{
    std::vector<Matrix> Xs{X}; // X_{k+1} = f(X_k W_k - 1 b_k)
    for (std::size_t k = 0; k < n.W.size(); ++k)
        Xs.push_back(((Xs.back() * n.W[k]).rowwise() - n.b[k]).unaryExpr([](double v) {
            return F::f(v);
        }));
    const std::size_t l = n.W.size();
    DeepGradients g;
    g.dW.resize(l);
    g.db.resize(l);
    // [dn_ex_batch]
    Matrix G = -(Xs[l] - Y).cwiseProduct(prime<F>(Xs[l])); // B x n_l
    for (std::size_t k = l; k-- > 0;) {
        g.dW[k] = -Xs[k].transpose() * G; // sum over rows of -x_r^T (dE/db_k)_r
        g.db[k] = G.colwise().sum();      // 1^T G: summed over the rows
        if (k > 0)
            G = (G * n.W[k].transpose()).cwiseProduct(prime<F>(Xs[k]));
    }
    // [dn_ex_batch]
    return g;
}

// ---------------------------------------------------------------------------
// Exercise 3: biases added, x_{k+1} = f(x_k W_k + b_k)
// ---------------------------------------------------------------------------

template <class F>
DeepGradients recursion_added(const Deep& n, const RowVector& x, const RowVector& y)
{
    const std::vector<RowVector> xs = forward_pass<F>(n, x, +1.0);
    const std::size_t l = n.W.size();
    DeepGradients g;
    g.dW.resize(l);
    g.db.resize(l);
    // [dn_ex_added]
    g.db[l - 1] = (xs[l] - y).cwiseProduct(prime<F>(xs[l])); // + : dE/db = dE/dnet
    for (std::size_t k = l - 1; k-- > 0;) {
        const RowVector back = g.db[k + 1] * n.W[k + 1].transpose();
        g.db[k] = back.cwiseProduct(prime<F>(xs[k + 1])); // the same step
    }
    for (std::size_t k = 0; k < l; ++k)
        g.dW[k] = xs[k].transpose() * g.db[k]; // no minus
    // [dn_ex_added]
    g.dx = g.db[0] * n.W[0].transpose();
    return g;
}

} // namespace deep_network
