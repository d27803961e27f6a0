// Backpropagation on source 004's network: D inputs x, a hidden layer of H sigmoid
// units z = W1 x + b1, a = sigma(z), K output logits z2 = W2 a + b2, and the
// cross-entropy C of softmax(z2) against a label y (the chapter "Softmax and
// cross-entropy"). 004's example has D = H = K = 2.
//
// The forward cost is templated on the scalar T (double, complex step, autodiff) and
// written with loops, apart from the engine; the hand-derived backward pass is double.
// All parameters live in one vector theta = [W1 (column-major), b1, W2, b2].
#pragma once

#include "backpropagation/engine.hpp"
#include "core/checks.hpp"
#include "core/scalar.hpp"
#include "jacobians_and_layouts/jacobians_and_layouts.hpp"
#include "softmax_cross_entropy/softmax_cross_entropy.hpp"

#include <cstddef>
#include <stdexcept>
#include <string>

namespace backpropagation {

using core::Matrix;
using core::Vector;
using core::VectorT;

/// The layer sizes: D inputs, H hidden units, K outputs.
struct Sizes {
    Eigen::Index D = 2;
    Eigen::Index H = 2;
    Eigen::Index K = 2;
    Eigen::Index parameters() const { return H * D + H + K * H + K; }
};

/// Where each parameter block starts in theta.
struct Layout {
    Eigen::Index W1, b1, W2, b2;
};

inline Layout layout(const Sizes& s)
{
    return {0, s.H * s.D, s.H * s.D + s.H, s.H * s.D + s.H + s.K * s.H};
}

inline void require_sizes(const Sizes& s, Eigen::Index n_theta, const Vector& x,
                          const Vector& y)
{
    if (s.D < 1 || s.H < 1 || s.K < 1 || n_theta != s.parameters() || x.size() != s.D ||
        y.size() != s.K)
        throw std::invalid_argument(
            "backpropagation: theta, x, y have sizes " + std::to_string(n_theta) +
            ", " + std::to_string(x.size()) + ", " + std::to_string(y.size()) +
            "; expected " + std::to_string(s.parameters()) + ", " +
            std::to_string(s.D) + ", " + std::to_string(s.K));
}

// ---------------------------------------------------------------------------
// The forward cost (templated: double, complex step, autodiff)
// ---------------------------------------------------------------------------

/// The logits z2 from the hidden activations a: z2 = W2 a + b2.
template <class T>
VectorT<T> output_logits(const Sizes& s, const VectorT<T>& theta, const VectorT<T>& a)
{
    const Layout p = layout(s);
    VectorT<T> z2(s.K);
    for (Eigen::Index k = 0; k < s.K; ++k) {
        z2(k) = theta(p.b2 + k);
        for (Eigen::Index j = 0; j < s.H; ++j)
            z2(k) += theta(p.W2 + j * s.K + k) * a(j);
    }
    return z2;
}

/// The hidden activations a = sigma(W1 x + b1).
template <class T>
VectorT<T> hidden_activations(const Sizes& s, const VectorT<T>& theta, const Vector& x)
{
    const Layout p = layout(s);
    VectorT<T> a(s.H);
    for (Eigen::Index j = 0; j < s.H; ++j) {
        T z = theta(p.b1 + j);
        for (Eigen::Index i = 0; i < s.D; ++i)
            z += theta(p.W1 + i * s.H + j) * x(i);
        a(j) = softmax_cross_entropy::sigmoid(z);
    }
    return a;
}

/// The cost C(theta) of the network at input x and label y.
template <class T>
T cost(const Sizes& s, const VectorT<T>& theta, const Vector& x, const Vector& y)
{
    require_sizes(s, theta.size(), x, y);
    // [bp_network]
    const VectorT<T> a = hidden_activations(s, theta, x); // a = sigma(W1 x + b1)
    const VectorT<T> z2 = output_logits(s, theta, a);     // z' = W2 a + b2
    return softmax_cross_entropy::cross_entropy<T>(z2, y);
    // [bp_network]
}

// ---------------------------------------------------------------------------
// The hand-derived backward pass (double)
// ---------------------------------------------------------------------------

/// What the forward pass stores for the backward pass: x, z, a, z2.
struct Forward {
    Vector x, z, a, z2;
};

inline Matrix W1_of(const Sizes& s, const Vector& theta)
{
    return Eigen::Map<const Matrix>(theta.data() + layout(s).W1, s.H, s.D);
}
inline Matrix W2_of(const Sizes& s, const Vector& theta)
{
    return Eigen::Map<const Matrix>(theta.data() + layout(s).W2, s.K, s.H);
}

inline Forward forward_pass(const Sizes& s, const Vector& theta, const Vector& x)
{
    Forward f;
    f.x = x;
    f.z = W1_of(s, theta) * x + theta.segment(layout(s).b1, s.H);
    f.a = f.z.unaryExpr([](double z) { return softmax_cross_entropy::sigmoid(z); });
    f.z2 = W2_of(s, theta) * f.a + theta.segment(layout(s).b2, s.K);
    return f;
}

/// dC/da from the upstream dC/dz2: every a_j forks into all K output units.
// [bp_fork]
inline Vector dC_da(const Matrix& W2, const Vector& dC_dz2)
{
    Vector dC_da = Vector::Zero(W2.cols());
    for (Eigen::Index j = 0; j < W2.cols(); ++j)
        for (Eigen::Index k = 0; k < W2.rows(); ++k)
            dC_da(j) += dC_dz2(k) * W2(k, j); // dC/dz'_k * dz'_k/da_j, summed
    return dC_da;
}
// [bp_fork]

/// dC/dz from dC/da through the sigmoid, using the stored a = sigma(z).
// [bp_activation]
inline Vector dC_dz(const Vector& a, const Vector& dC_da)
{
    return dC_da.cwiseProduct(a.cwiseProduct(Vector::Ones(a.size()) - a));
}
// [bp_activation]

/// dC/dW for a layer z = W x + b: entry (j, i) is dC/dz_j times dz_j/dW_ji = x_i.
// [bp_chain]
inline Matrix dC_dW(const Vector& dC_dz, const Vector& x)
{
    return jacobians_and_layouts::dJ_dW(dC_dz, x); // delta x^T, chapter 3's jl_dJ_dW
}
// [bp_chain]

/// The whole gradient: one forward pass, then the layers from the last to the first.
// [bp_backward]
inline Vector gradient(const Sizes& s, const Vector& theta, const Vector& x,
                       const Vector& y)
{
    require_sizes(s, theta.size(), x, y);
    const Forward f = forward_pass(s, theta, x);
    const Vector dC_dz2 = softmax_cross_entropy::dJ_dtheta(f.z2, y); // y_hat - y
    const Vector dC_dz1 = dC_dz(f.a, dC_da(W2_of(s, theta), dC_dz2));
    const Layout p = layout(s);
    Vector g(s.parameters());
    Eigen::Map<Matrix>(g.data() + p.W1, s.H, s.D) = dC_dW(dC_dz1, f.x);
    g.segment(p.b1, s.H) = dC_dz1; // dz/db = 1
    Eigen::Map<Matrix>(g.data() + p.W2, s.K, s.H) = dC_dW(dC_dz2, f.a);
    g.segment(p.b2, s.K) = dC_dz2;
    return g;
}
// [bp_backward]

// ---------------------------------------------------------------------------
// The same network on the engine
// ---------------------------------------------------------------------------

/// The network on a graph: theta's entries become the graph's first nodes, in
/// order, and the cost, ln sum_k e^z2_k - sum_k y_k z2_k, is the node returned.
// [bp_engine_network]
inline Var engine_cost(Graph& g, const Sizes& s, const Vector& theta, const Vector& x,
                       const Vector& y)
{
    require_sizes(s, theta.size(), x, y);
    std::vector<Var> w;
    for (Eigen::Index i = 0; i < theta.size(); ++i)
        w.push_back(g.input(theta(i)));
    const Layout p = layout(s);
    const auto at = [&](Eigen::Index i) { return w[static_cast<std::size_t>(i)]; };
    std::vector<Var> a;
    for (Eigen::Index j = 0; j < s.H; ++j) {
        Var z = at(p.b1 + j);
        for (Eigen::Index i = 0; i < s.D; ++i)
            z = g.add(z, g.mul(at(p.W1 + i * s.H + j), g.input(x(i))));
        a.push_back(g.sigmoid(z));
    }
    Var sum_exp = g.input(0.0);
    Var C = g.input(0.0);
    for (Eigen::Index k = 0; k < s.K; ++k) {
        Var z2 = at(p.b2 + k);
        for (Eigen::Index j = 0; j < s.H; ++j)
            z2 = g.add(z2,
                       g.mul(at(p.W2 + j * s.K + k), a[static_cast<std::size_t>(j)]));
        sum_exp = g.add(sum_exp, g.exp(z2));
        C = g.add(C, g.mul(g.input(-y(k)), z2));
    }
    return g.add(g.log(sum_exp), C);
}
// [bp_engine_network]

/// The engine's gradient of the cost: one forward pass, one backward pass.
inline Vector engine_gradient(const Sizes& s, const Vector& theta, const Vector& x,
                              const Vector& y)
{
    Graph g;
    const Var C = engine_cost(g, s, theta, x, y);
    g.backward(C);
    Vector grad(theta.size());
    for (Eigen::Index i = 0; i < theta.size(); ++i)
        grad(i) = g.grad(Var{&g, static_cast<std::size_t>(i)});
    return grad;
}

// ---------------------------------------------------------------------------
// The cost of a full gradient, in counted operations
// ---------------------------------------------------------------------------

/// Operations of one full gradient of the cost by each method, counted on the
/// engine's graph: F per forward pass (one per node), B per backward pass (one per
/// accumulation), for n parameters.
struct GradientCosts {
    std::size_t n, F, B;
    // [bp_cost]
    std::size_t reverse_mode() const { return F + B; } // one forward, one backward
    std::size_t forward_difference() const { return (n + 1) * F; }
    std::size_t central_difference() const { return 2 * n * F; }
    std::size_t forward_mode() const { return n * (F + B); } // one tangent per pass
    // [bp_cost]
};

/// Builds the network once and runs one backward pass, counting both.
inline GradientCosts gradient_costs(const Sizes& s)
{
    const Vector theta = Vector::Constant(s.parameters(), 0.1);
    Vector y = Vector::Zero(s.K);
    y(0) = 1.0;
    Graph g;
    const Var C = engine_cost(g, s, theta, Vector::Constant(s.D, 0.5), y);
    g.backward(C);
    return {static_cast<std::size_t>(s.parameters()), g.forward_ops(),
            g.backward_ops()};
}

} // namespace backpropagation
