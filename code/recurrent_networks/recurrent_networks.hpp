// Recurrent networks: an Elman network unrolled in time,
//   a_t = W h_{t-1} + U x_t + b,  h_t = tanh(a_t),  o_t = V h_t + c,
//   y_hat_t = softmax(o_t),       L = sum_t CE(y_t, y_hat_t)
// (or the loss of the last step only), and its gradients by backpropagation through
// time (BPTT): the full backward pass, the four readings of source 004's formula
// dL/dw = sum_i dL/ds_i ds_i/dw, and the backward pass truncated after k steps.
//
// The forward map is templated on the scalar T (double, complex step, autodiff) and
// reuses the chapter One hidden layer's affine map and the Jacobians chapter's tanh;
// the hand-derived backward passes are double and reuse the softmax chapter
// (dJ/do = y_hat - y) and the Jacobians chapter (delta x^T, W^T delta).
#pragma once

#include "core/checks.hpp"
#include "core/parameters.hpp"
#include "core/scalar.hpp"
#include "jacobians_and_layouts/jacobians_and_layouts.hpp"
#include "one_hidden_layer/one_hidden_layer.hpp"
#include "softmax_cross_entropy/softmax_cross_entropy.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include <Eigen/SVD>

namespace recurrent_networks {

using core::Matrix;
using core::MatrixT;
using core::Vector;
using core::VectorT;

/// The parameters: W (H x H), U (H x D), b (H), V (K x H), c (K), and the state
/// h0 (H) before the first step, which the book treats as a parameter too.
template <class T> struct RnnT {
    MatrixT<T> W;
    MatrixT<T> U;
    VectorT<T> b;
    MatrixT<T> V;
    VectorT<T> c;
    VectorT<T> h0;
};
using Rnn = RnnT<double>;

/// Which steps carry a loss: every step (L = sum_t L_t) or the last one (L = L_T).
enum class LossOn { every_step, last_step };

inline bool has_loss(LossOn on, Eigen::Index t, Eigen::Index steps)
{
    return on == LossOn::every_step || t == steps - 1;
}

template <class T> RnnT<T> cast(const Rnn& n)
{
    return {n.W.cast<T>(), n.U.cast<T>(), n.b.cast<T>(),
            n.V.cast<T>(), n.c.cast<T>(), n.h0.cast<T>()};
}

inline std::string shape(const char* name, Eigen::Index rows, Eigen::Index cols)
{
    return std::string(name) + " " + std::to_string(rows) + "x" + std::to_string(cols);
}

/// H x H, H x D, H, K x H, K, H: the shapes must chain.
template <class T> void require_rnn(const char* who, const RnnT<T>& n)
{
    const Eigen::Index H = n.W.rows();
    if (H < 1 || n.W.cols() != H || n.U.rows() != H || n.U.cols() < 1 ||
        n.b.size() != H || n.V.cols() != H || n.V.rows() < 1 ||
        n.c.size() != n.V.rows() || n.h0.size() != H)
        throw std::invalid_argument(
            std::string(who) + ": " + shape("W", n.W.rows(), n.W.cols()) + ", " +
            shape("U", n.U.rows(), n.U.cols()) + ", b " + std::to_string(n.b.size()) +
            ", " + shape("V", n.V.rows(), n.V.cols()) + ", c " +
            std::to_string(n.c.size()) + ", h0 " + std::to_string(n.h0.size()) +
            " do not chain (expected H x H, H x D, H, K x H, K, H)");
}

/// X (D x T) and Y (K x T): one step a column, at least one step.
template <class T>
void require_sequence(const char* who, const RnnT<T>& n, Eigen::Index D_of_X,
                      Eigen::Index steps, const Matrix& Y)
{
    require_rnn(who, n);
    if (steps < 1)
        throw std::invalid_argument(std::string(who) +
                                    ": the sequence is empty; expected at least one "
                                    "step (one column of X)");
    if (D_of_X != n.U.cols() || Y.rows() != n.V.rows() || Y.cols() != steps)
        throw std::invalid_argument(
            std::string(who) + ": " + shape("X", D_of_X, steps) + " and " +
            shape("Y", Y.rows(), Y.cols()) + " do not fit " +
            shape("U", n.U.rows(), n.U.cols()) + " and " +
            shape("V", n.V.rows(), n.V.cols()) + " (expected D x T and K x T)");
}

/// All parameters in one vector [W, U, b, V, c, h0] (matrices column by column).
inline core::Layout layout_of(const Rnn& n)
{
    core::Layout layout;
    layout.add("W", n.W.rows(), n.W.cols()).add("U", n.U.rows(), n.U.cols());
    layout.add("b", n.b.size()).add("V", n.V.rows(), n.V.cols()).add("c", n.c.size());
    layout.add("h0", n.h0.size());
    return layout;
}

inline Vector flatten(const Rnn& n)
{
    require_rnn("flatten", n);
    return core::flatten(layout_of(n), n.W, n.U, n.b, n.V, n.c, n.h0);
}

/// The network whose parameters are the flat p, laid out as `layout`.
template <class T> RnnT<T> unflatten(const core::Layout& layout, const VectorT<T>& p)
{
    return {layout.view(p, "W"),        layout.view(p, "U"),
            layout.vector_view(p, "b"), layout.view(p, "V"),
            layout.vector_view(p, "c"), layout.vector_view(p, "h0")};
}

// ---------------------------------------------------------------------------
// The forward map (templated: double, complex step, autodiff)
// ---------------------------------------------------------------------------

/// L of the sequence X (D x T) with targets Y (K x T), the network unrolled in time.
template <class T>
T loss(const RnnT<T>& n, const MatrixT<T>& X, const Matrix& Y,
       LossOn on = LossOn::every_step)
{
    require_sequence("loss", n, X.rows(), X.cols(), Y);
    using one_hidden_layer::affine;
    // [rn_network]
    VectorT<T> h = n.h0;
    T L(0.0);
    for (Eigen::Index t = 0; t < X.cols(); ++t) {
        const VectorT<T> x_t = X.col(t);
        const VectorT<T> a = affine<T>(n.W, h, affine<T>(n.U, x_t, n.b)); // a_t
        h = jacobians_and_layouts::z_tanh<T>(a);     // h_t = tanh(a_t)
        const VectorT<T> o = affine<T>(n.V, h, n.c); // o_t = V h_t + c
        if (has_loss(on, t, X.cols())) {
            const T L_t = softmax_cross_entropy::cross_entropy<T>(o, Y.col(t));
            L += L_t;
        }
    }
    return L;
    // [rn_network]
}

/// The loss of the steps from t0 on (0-based), the state h_{t0} given as h: the part
/// of L that h_{t0} reaches, so that its gradient in h is the TOTAL grad_{h_t0} L.
template <class T>
T loss_from(const Rnn& n, const VectorT<T>& h, const Matrix& X, const Matrix& Y,
            Eigen::Index t0, LossOn on = LossOn::every_step)
{
    require_sequence("loss_from", n, X.rows(), X.cols(), Y);
    if (t0 < 0 || t0 >= X.cols() || h.size() != n.W.rows())
        throw std::invalid_argument("loss_from: step " + std::to_string(t0) +
                                    " of a sequence of " + std::to_string(X.cols()) +
                                    ", state of " + std::to_string(h.size()));
    using one_hidden_layer::affine;
    const RnnT<T> m = cast<T>(n);
    VectorT<T> state = h;
    T L(0.0);
    for (Eigen::Index t = t0; t < X.cols(); ++t) {
        if (t > t0) {
            const VectorT<T> x_t = X.col(t).cast<T>();
            state = jacobians_and_layouts::z_tanh<T>(
                affine<T>(m.W, state, affine<T>(m.U, x_t, m.b)));
        }
        if (has_loss(on, t, X.cols())) {
            const T L_t = softmax_cross_entropy::cross_entropy<T>(
                affine<T>(m.V, state, m.c), Y.col(t));
            L += L_t;
        }
    }
    return L;
}

// ---------------------------------------------------------------------------
// Backpropagation through time (double)
// ---------------------------------------------------------------------------

/// What the forward pass keeps: the states h_0 ... h_T (H x (T + 1), column t is
/// h_t, column 0 the initial state) and the outputs o_1 ... o_T (K x T).
struct Forward {
    Matrix H;
    Matrix O;
};

inline Forward forward(const Rnn& n, const Matrix& X)
{
    const Eigen::Index steps = X.cols();
    Forward f{Matrix(n.W.rows(), steps + 1), Matrix(n.V.rows(), steps)};
    f.H.col(0) = n.h0;
    for (Eigen::Index t = 1; t <= steps; ++t) {
        const Vector a = n.W * f.H.col(t - 1) + n.U * X.col(t - 1) + n.b;
        f.H.col(t) = a.array().tanh().matrix();
        f.O.col(t - 1) = n.V * f.H.col(t) + n.c;
    }
    return f;
}

/// The gradients of L, each in the shape of its variable, and the gradients with
/// respect to every input x_t and every state h_t (column t - 1 for step t).
struct Gradients {
    Matrix dW;
    Matrix dU;
    Vector db;
    Matrix dV;
    Vector dc;
    Vector dh0;
    Matrix dX;
    Matrix dH; ///< grad_{h_t} L, the TOTAL derivative, one column a step
};

inline Gradients zero_gradients(const Rnn& n, Eigen::Index steps)
{
    const Eigen::Index H = n.W.rows();
    return {Matrix::Zero(H, H),
            Matrix::Zero(H, n.U.cols()),
            Vector::Zero(H),
            Matrix::Zero(n.V.rows(), H),
            Vector::Zero(n.V.rows()),
            Vector::Zero(H),
            Matrix::Zero(n.U.cols(), steps),
            Matrix::Zero(H, steps)};
}

/// grad_{o_t} L = y_hat_t - y_t on a step with a loss, 0 on a step without one.
inline Vector dL_do(const Forward& f, const Matrix& Y, LossOn on, Eigen::Index t)
{
    if (!has_loss(on, t, Y.cols()))
        return Vector::Zero(Y.rows());
    return softmax_cross_entropy::dJ_dtheta(f.O.col(t), Y.col(t)); // y_hat_t - y_t
}

/// diag(1 - h_t^2) g: the gradient through h_t = tanh(a_t), from the STORED h_t.
// [rn_tanh_prime]
inline Vector through_tanh(const Vector& h_t, const Vector& g)
{
    return (1.0 - h_t.array().square()).matrix().cwiseProduct(g); // (1 - h^2) o g
}
// [rn_tanh_prime]

/// The full backward pass through time, from the last step to the first.
inline Gradients bptt(const Rnn& n, const Matrix& X, const Matrix& Y,
                      LossOn on = LossOn::every_step)
{
    require_sequence("bptt", n, X.rows(), X.cols(), Y);
    using jacobians_and_layouts::dJ_dW;
    using jacobians_and_layouts::dJ_dx;
    const Forward f = forward(n, X);
    const Eigen::Index steps = X.cols();
    Gradients g = zero_gradients(n, steps);
    // [rn_bptt]
    // from_later = W^T diag(1 - h_{t+1}^2) grad h_{t+1}: zero after the last step
    Vector from_later = Vector::Zero(n.W.rows());
    for (Eigen::Index t = steps - 1; t >= 0; --t) { // column t holds step t + 1
        const Vector h_t = f.H.col(t + 1);
        const Vector h_prev = f.H.col(t);
        const Vector do_t = dL_do(f, Y, on, t);      // grad_{o_t} L = y_hat_t - y_t
        g.dH.col(t) = dJ_dx(do_t, n.V) + from_later; // V^T grad o_t + (from t + 1)
        const Vector da_t = through_tanh(h_t, g.dH.col(t)); // diag(1 - h_t^2) grad h_t
        g.dV += dJ_dW(do_t, h_t);                           // sum_t grad o_t h_t^T
        g.dc += do_t;                                       // sum_t grad o_t
        g.dW += dJ_dW(da_t, h_prev);                        // sum_t da_t h_{t-1}^T
        g.dU += dJ_dW(da_t, X.col(t));                      // sum_t da_t x_t^T
        g.db += da_t;                                       // sum_t da_t
        g.dX.col(t) = dJ_dx(da_t, n.U);                     // U^T da_t
        from_later = dJ_dx(da_t, n.W);                      // W^T da_t, for step t - 1
    }
    g.dh0 = from_later; // h_0 feeds step 1 only through W
    // [rn_bptt]
    return g;
}

/// The parameter gradients in the order of flatten: [W, U, b, V, c, h0].
inline Vector flat_gradient(const Rnn& n, const Gradients& g)
{
    return core::flatten(layout_of(n), g.dW, g.dU, g.db, g.dV, g.dc, g.dh0);
}

// ---------------------------------------------------------------------------
// Source 004's formula dL/dW = sum_i dL/ds_i ds_i/dW, read four ways
// ---------------------------------------------------------------------------

/// A derivative in 004's formula is TOTAL (through every path: all later steps for
/// dL/ds_i, all earlier steps for ds_i/dW) or IMMEDIATE (one edge of the unrolled
/// graph: dL/ds_i through o_i alone; ds_i/dW with s_{i-1} held fixed).
enum class Reading { total, immediate };

/// d h_t / d vec(W) (H x H^2, vec column by column), total or immediate, for every
/// step: the forward-mode sensitivities of the states to W.
inline std::vector<Matrix> dh_dW(const Rnn& n, const Forward& f, Reading reading)
{
    const Eigen::Index H = n.W.rows();
    const Eigen::Index steps = f.O.cols();
    std::vector<Matrix> dh(static_cast<std::size_t>(steps));
    Matrix previous = Matrix::Zero(H, H * H); // d h_0 / d vec(W) = 0
    for (Eigen::Index t = 0; t < steps; ++t) {
        // immediate: d a_t / d W_rc = h_{t-1,c} in row r (column r + c H of vec(W))
        Matrix da = Matrix::Zero(H, H * H);
        for (Eigen::Index c = 0; c < H; ++c)
            for (Eigen::Index r = 0; r < H; ++r)
                da(r, r + c * H) = f.H(c, t);
        // [rn_total_state]
        if (reading == Reading::total)
            da += n.W * previous; // + W d h_{t-1} / d vec(W): the earlier steps
        // [rn_total_state]
        const Vector gate = 1.0 - f.H.col(t + 1).array().square();
        dh[static_cast<std::size_t>(t)] = gate.asDiagonal() * da;
        previous = dh[static_cast<std::size_t>(t)];
    }
    return dh;
}

/// dL/dW = sum_i dL/ds_i ds_i/dW (s_i = h_i), with each factor read as told.
// [rn_004]
inline Matrix dL_dW_004(const Rnn& n, const Matrix& X, const Matrix& Y, LossOn on,
                        Reading dL_ds, Reading ds_dW)
{
    require_sequence("dL_dW_004", n, X.rows(), X.cols(), Y);
    const Forward f = forward(n, X);
    const Gradients full = bptt(n, X, Y, on);
    const std::vector<Matrix> dh = dh_dW(n, f, ds_dW);
    const Eigen::Index H = n.W.rows();
    Vector sum = Vector::Zero(H * H);
    for (Eigen::Index i = 0; i < X.cols(); ++i) {
        const Vector dL_dh_i =
            dL_ds == Reading::total
                ? Vector(full.dH.col(i)) // all later steps
                : jacobians_and_layouts::dJ_dx(dL_do(f, Y, on, i), n.V); // o_i alone
        sum += dh[static_cast<std::size_t>(i)].transpose() * dL_dh_i;
    }
    return Eigen::Map<const Matrix>(sum.data(), H, H); // vec(W) back to H x H
}
// [rn_004]

// ---------------------------------------------------------------------------
// Truncated backpropagation through time
// ---------------------------------------------------------------------------

/// The backward pass in which each step's loss reaches back at most k steps (its own
/// step and k - 1 earlier ones). For k >= T it is bptt; for k < T it is not the
/// gradient of L.
// [rn_truncated]
inline Gradients truncated_bptt(const Rnn& n, const Matrix& X, const Matrix& Y,
                                Eigen::Index k, LossOn on = LossOn::every_step)
{
    require_sequence("truncated_bptt", n, X.rows(), X.cols(), Y);
    if (k < 1)
        throw std::invalid_argument("truncated_bptt: k = " + std::to_string(k) +
                                    "; expected at least one step");
    using jacobians_and_layouts::dJ_dW;
    using jacobians_and_layouts::dJ_dx;
    const Forward f = forward(n, X);
    Gradients g = zero_gradients(n, X.cols());
    for (Eigen::Index t = 0; t < X.cols(); ++t) {
        if (!has_loss(on, t, X.cols()))
            continue;
        const Vector do_t = dL_do(f, Y, on, t);
        g.dV += dJ_dW(do_t, f.H.col(t + 1));
        g.dc += do_t;
        Vector dh = dJ_dx(do_t, n.V); // L_t's gradient at h_t
        const Eigen::Index stop = std::max<Eigen::Index>(0, t - k + 1);
        for (Eigen::Index s = t; s >= stop; --s) {
            const Vector da = through_tanh(f.H.col(s + 1), dh);
            g.dW += dJ_dW(da, f.H.col(s));
            g.dU += dJ_dW(da, X.col(s));
            g.db += da;
            g.dX.col(s) += dJ_dx(da, n.U);
            dh = dJ_dx(da, n.W); // on to h_{s-1}
        }
        if (stop == 0)
            g.dh0 += dh; // reached the initial state
    }
    return g;
}
// [rn_truncated]

// ---------------------------------------------------------------------------
// Vanishing and exploding gradients
// ---------------------------------------------------------------------------

/// The largest singular value of A, the most that A can stretch a vector: ||A v|| <=
/// sigma_max(A) ||v|| for every v.
inline double largest_singular_value(const Matrix& A)
{
    return Eigen::JacobiSVD<Matrix>(A).singularValues()(0);
}

/// W scaled so that its largest singular value is sigma.
inline Matrix with_largest_singular_value(const Matrix& W, double sigma)
{
    const double current = largest_singular_value(W);
    if (!(current > 0.0))
        throw std::invalid_argument("with_largest_singular_value: W is zero");
    return W * (sigma / current);
}

/// ||grad_{h_t} L|| for t = 1 ... T, with the loss on the last step only: how much
/// of the last step's error reaches each earlier state.
inline Vector state_gradient_norms(const Rnn& n, const Matrix& X, const Matrix& Y)
{
    const Gradients g = bptt(n, X, Y, LossOn::last_step);
    return g.dH.colwise().norm().transpose();
}

// ---------------------------------------------------------------------------
// A batch of sequences
// ---------------------------------------------------------------------------

/// One sequence: inputs X (D x T) and targets Y (K x T); the lengths may differ.
struct Sequence {
    Matrix X;
    Matrix Y;
};

/// The mean over the batch of each sequence's L.
template <class T>
T batch_loss(const RnnT<T>& n, const std::vector<Sequence>& batch,
             LossOn on = LossOn::every_step)
{
    if (batch.empty())
        throw std::invalid_argument("batch_loss: the batch has no sequence");
    T L(0.0);
    for (const Sequence& s : batch) {
        const MatrixT<T> X = s.X.cast<T>();
        const T L_s = loss<T>(n, X, s.Y, on);
        L += L_s;
    }
    return L / static_cast<double>(batch.size());
}

/// sum += weight g, parameter by parameter (the inputs' and states' gradients belong
/// to one sequence and are left out).
inline void accumulate(Gradients& sum, const Gradients& g, double weight)
{
    sum.dW += weight * g.dW;
    sum.dU += weight * g.dU;
    sum.db += weight * g.db;
    sum.dV += weight * g.dV;
    sum.dc += weight * g.dc;
    sum.dh0 += weight * g.dh0;
}

/// The gradients of the mean: each sequence's BPTT, weighed 1/B and added.
// [rn_batch]
inline Gradients batch_bptt(const Rnn& n, const std::vector<Sequence>& batch,
                            LossOn on = LossOn::every_step)
{
    if (batch.empty())
        throw std::invalid_argument("batch_bptt: the batch has no sequence");
    Gradients sum = zero_gradients(n, 0);
    const double weight = 1.0 / static_cast<double>(batch.size()); // 1/B
    for (const Sequence& s : batch)
        accumulate(sum, bptt(n, s.X, s.Y, on), weight);
    return sum;
}
// [rn_batch]

/// The mean over the batch of each sequence's gradient truncated after k steps.
inline Gradients batch_truncated_bptt(const Rnn& n, const std::vector<Sequence>& batch,
                                      Eigen::Index k, LossOn on = LossOn::every_step)
{
    if (batch.empty())
        throw std::invalid_argument("batch_truncated_bptt: the batch has no sequence");
    Gradients sum = zero_gradients(n, 0);
    const double weight = 1.0 / static_cast<double>(batch.size());
    for (const Sequence& s : batch)
        accumulate(sum, truncated_bptt(n, s.X, s.Y, k, on), weight);
    return sum;
}

// ---------------------------------------------------------------------------
// Clipping
// ---------------------------------------------------------------------------

/// g <- min(1, threshold / ||g||) g: the direction kept, the length at most threshold.
// [rn_clip_norm]
inline Vector clip_norm(const Vector& g, double threshold)
{
    if (!(threshold > 0.0) || !std::isfinite(threshold))
        throw std::invalid_argument("clip_norm: the threshold is " +
                                    std::to_string(threshold) +
                                    "; expected a positive finite number");
    const double norm = g.norm();
    return norm > threshold ? Vector(g * (threshold / norm)) : g;
}
// [rn_clip_norm]

/// Each entry clamped to [-threshold, threshold]: the length bounded, the direction
/// changed (as widely copied character-RNN code does).
inline Vector clip_values(const Vector& g, double threshold)
{
    return g.cwiseMax(-threshold).cwiseMin(threshold);
}

} // namespace recurrent_networks
