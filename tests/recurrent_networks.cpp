// Tests of the chapter "Recurrent networks and backpropagation through time": the
// gradients of an Elman network unrolled in time with respect to every parameter,
// every input and every state, against at least two oracles, for sequences of 1, 2, 5
// and 24 steps and a large network by directions; source 004's formula under its four
// readings; truncated BPTT; clipping; and the errors.
#define BOOST_TEST_MODULE recurrent_networks
#include "support/vec.hpp"
#include "support/verification.hpp"

#include "common/random.hpp"
#include "recurrent_networks/exercises.hpp"
#include "recurrent_networks/recurrent_networks.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace utf = boost::unit_test;
namespace rn = recurrent_networks;
using gradcheck::Oracle;
using rn::LossOn;
using rn::Matrix;
using rn::Reading;
using rn::Rnn;
using rn::Sequence;
using rn::Vector;
using verification::at;

namespace {

constexpr Oracle central = Oracle::central_difference;
constexpr Oracle complex_step = Oracle::complex_step;
constexpr Oracle autodiff = Oracle::autodiff;
const std::vector<Oracle> all_oracles = {central, complex_step, autodiff};

/// A network of H states, D inputs, K classes, its entries uniform in +-scale.
Rnn make_rnn(std::mt19937_64& rng, Eigen::Index H, Eigen::Index D, Eigen::Index K,
             double scale)
{
    return {book::random_matrix(rng, H, H, -scale, scale),
            book::random_matrix(rng, H, D, -scale, scale),
            book::random_vector(rng, H, -scale, scale),
            book::random_matrix(rng, K, H, -scale, scale),
            book::random_vector(rng, K, -scale, scale),
            book::random_vector(rng, H, -scale, scale)};
}

/// A sequence of T steps: inputs uniform in +-1, targets one-hot in a class drawn
/// per step.
Sequence make_sequence(std::mt19937_64& rng, Eigen::Index D, Eigen::Index K,
                       Eigen::Index T)
{
    Sequence s{book::random_matrix(rng, D, T, -1.0, 1.0), Matrix::Zero(K, T)};
    for (Eigen::Index t = 0; t < T; ++t) {
        const auto k = static_cast<Eigen::Index>(book::uniform(rng, 0.0, 1.0) *
                                                 static_cast<double>(K));
        s.Y(std::min(k, K - 1), t) = 1.0;
    }
    return s;
}

/// The small case of the full checks: H = 3, D = 2, K = 3, the parameters in +-0.8.
struct Case {
    Rnn n;
    Sequence s;
    std::string where;
};

Case make_case(Eigen::Index T, std::uint64_t seed = 11)
{
    std::mt19937_64 rng(seed);
    Rnn n = make_rnn(rng, 3, 2, 3, 0.8);
    Sequence s = make_sequence(rng, 2, 3, T);
    return {n, s,
            "H = 3, D = 2, K = 3, T = " + std::to_string(T) +
                ", parameters uniform in ±0.8, seed " + std::to_string(seed)};
}

/// L as a function of all parameters [W, U, b, V, c, h0].
auto loss_of_parameters(const Case& c, LossOn on = LossOn::every_step)
{
    const core::Layout layout = rn::layout_of(c.n);
    return [layout, c, on](const auto& p) {
        using T = gradcheck::scalar_of<decltype(p)>;
        const rn::MatrixT<T> X = c.s.X.cast<T>();
        return rn::loss<T>(rn::unflatten<T>(layout, p), X, c.s.Y, on);
    };
}

/// L as a function of the inputs x_1 ... x_T, one after another.
auto loss_of_inputs(const Case& c)
{
    return [c](const auto& v) {
        using T = gradcheck::scalar_of<decltype(v)>;
        const rn::MatrixT<T> X =
            Eigen::Map<const rn::MatrixT<T>>(v.data(), c.s.X.rows(), c.s.X.cols());
        return rn::loss<T>(rn::cast<T>(c.n), X, c.s.Y);
    };
}

Vector flat(const Matrix& A)
{
    return Eigen::Map<const Vector>(A.data(), A.size());
}

/// L as a function of W alone, the rest held fixed.
auto loss_of_W(const Case& c, LossOn on = LossOn::every_step)
{
    return [c, on](const auto& w) {
        using T = gradcheck::scalar_of<decltype(w)>;
        rn::RnnT<T> m = rn::cast<T>(c.n);
        m.W = Eigen::Map<const rn::MatrixT<T>>(w.data(), c.n.W.rows(), c.n.W.cols());
        return rn::loss<T>(m, c.s.X.cast<T>().eval(), c.s.Y, on);
    };
}

} // namespace

// ---------------------------------------------------------------------------
// The forward pass: two codes, one loss
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(forward_pass, *utf::label("rn_network"))
{
    // loss<double> (the index sums the oracles differentiate) and forward (Eigen's
    // products, which the backward pass reads) compute the same L to rounding.
    for (Eigen::Index T : {1, 2, 5, 24}) {
        const Case c = make_case(T);
        const rn::Forward f = rn::forward(c.n, c.s.X);
        double L = 0.0;
        for (Eigen::Index t = 0; t < T; ++t)
            L += softmax_cross_entropy::cross_entropy<double>(f.O.col(t), c.s.Y.col(t));
        const auto L_index = rn::loss<double>(c.n, c.s.X, c.s.Y);
        verification::expect_within(
            "rn_network", "|L by index sums − L by Eigen products|, " + c.where,
            std::abs(L - L_index), 64.0 * 0x1.0p-52 * L);
    }
}

// ---------------------------------------------------------------------------
// BPTT: every parameter, every input, every state
// ---------------------------------------------------------------------------

// [rn_test_bptt]
BOOST_AUTO_TEST_CASE(bptt_parameters, *utf::label("rn_bptt"))
{
    for (Eigen::Index T : {1, 2, 5, 24}) {
        const Case c = make_case(T);
        verification::expect_gradient_verified(
            "rn_bptt", loss_of_parameters(c),
            [c](const Vector&) {
                return rn::flat_gradient(c.n, rn::bptt(c.n, c.s.X, c.s.Y));
            },
            at(rn::flatten(c.n), "all 33 parameters [W, U, b, V, c, h0]; " + c.where),
            all_oracles);
    }
}
// [rn_test_bptt]

BOOST_AUTO_TEST_CASE(bptt_last_step, *utf::label("rn_bptt_last"))
{
    for (Eigen::Index T : {1, 2, 24}) {
        const Case c = make_case(T);
        verification::expect_gradient_verified(
            "rn_bptt_last", loss_of_parameters(c, LossOn::last_step),
            [c](const Vector&) {
                return rn::flat_gradient(
                    c.n, rn::bptt(c.n, c.s.X, c.s.Y, LossOn::last_step));
            },
            at(rn::flatten(c.n), "L = L_T, the last step's loss only; " + c.where),
            all_oracles);
        // L_T is the cross-entropy of the last output that forward stores.
        const rn::Forward f = rn::forward(c.n, c.s.X);
        const auto L_T = softmax_cross_entropy::cross_entropy<double>(f.O.col(T - 1),
                                                                      c.s.Y.col(T - 1));
        const auto L = rn::loss<double>(c.n, c.s.X, c.s.Y, LossOn::last_step);
        verification::expect_within(
            "rn_bptt_last",
            "|L(last step only) − CE(y_T, softmax(o_T))|, T = " + std::to_string(T),
            std::abs(L - L_T), 64.0 * 0x1.0p-52 * L_T);
    }
}

BOOST_AUTO_TEST_CASE(bptt_inputs, *utf::label("rn_dx"))
{
    for (Eigen::Index T : {1, 5}) {
        const Case c = make_case(T);
        verification::expect_gradient_verified(
            "rn_dx", loss_of_inputs(c),
            [c](const Vector&) { return flat(rn::bptt(c.n, c.s.X, c.s.Y).dX); },
            at(flat(c.s.X), "x_1 … x_T as one vector; " + c.where), all_oracles);
    }
}

BOOST_AUTO_TEST_CASE(bptt_states, *utf::label("rn_dh"))
{
    // grad_{h_t} L is the TOTAL derivative: the gradient of the losses of step t and
    // every later step, with h_t as the variable (loss_from, a code of its own).
    const Case c = make_case(5);
    const rn::Forward f = rn::forward(c.n, c.s.X);
    const rn::Gradients g = rn::bptt(c.n, c.s.X, c.s.Y);
    for (Eigen::Index t = 0; t < 5; ++t) {
        const Case cc = c;
        const auto L_from = [cc, t](const auto& h) {
            using T = gradcheck::scalar_of<decltype(h)>;
            return rn::loss_from<T>(cc.n, h, cc.s.X, cc.s.Y, t);
        };
        const Vector dh = g.dH.col(t);
        verification::expect_gradient_verified(
            "rn_dh", L_from, [dh](const Vector&) { return Vector(dh); },
            at(Vector(f.H.col(t + 1)), "h_" + std::to_string(t + 1) + "; " + c.where),
            all_oracles);
    }
}

BOOST_AUTO_TEST_CASE(bptt_large_by_directions, *utf::label("rn_bptt_large"))
{
    // H = 32, D = 8, K = 5, T = 30: 1509 parameters, checked along 3 random
    // directions (the checker's directional mode) by every oracle.
    std::mt19937_64 rng(23);
    const Rnn n = make_rnn(rng, 32, 8, 5, 0.25);
    const Sequence s = make_sequence(rng, 8, 5, 30);
    const Case c{n, s, "H = 32, D = 8, K = 5, T = 30, parameters uniform in ±0.25"};
    const Vector theta = rn::flatten(n);
    const Vector g = rn::flat_gradient(n, rn::bptt(n, s.X, s.Y));
    for (Oracle oracle : all_oracles)
        verification::expect_verified(
            gradcheck::check_directional("rn_bptt_large", loss_of_parameters(c), theta,
                                         g, oracle, 3, 2024),
            std::to_string(theta.size()) + " parameters; " + c.where);
}

// ---------------------------------------------------------------------------
// 004's formula, read four ways
// ---------------------------------------------------------------------------

namespace {

auto reading_004(const Case& c, Reading dL_ds, Reading ds_dW)
{
    return [c, dL_ds, ds_dW](const Vector&) {
        return flat(rn::dL_dW_004(c.n, c.s.X, c.s.Y, LossOn::every_step, dL_ds, ds_dW));
    };
}

} // namespace

// [rn_test_004]
BOOST_AUTO_TEST_CASE(formula_004_total_immediate, *utf::label("rn_004_bptt"))
{
    const Case c = make_case(5);
    verification::expect_gradient_verified(
        "rn_004_bptt", loss_of_W(c), reading_004(c, Reading::total, Reading::immediate),
        at(flat(c.n.W), "dL/ds_i total, ds_i/dW immediate; " + c.where), all_oracles);
}

BOOST_AUTO_TEST_CASE(formula_004_immediate_total, *utf::label("rn_004_rtrl"))
{
    const Case c = make_case(5);
    verification::expect_gradient_verified(
        "rn_004_rtrl", loss_of_W(c), reading_004(c, Reading::immediate, Reading::total),
        at(flat(c.n.W), "dL/ds_i immediate, ds_i/dW total; " + c.where), all_oracles);
}

BOOST_AUTO_TEST_CASE(formula_004_both_immediate, *utf::label("rn_004_drops"))
{
    const Case c = make_case(5);
    verification::expect_gradient_rejected(
        "rn_004_drops",
        "both factors immediate: every path from W at step i to a loss at a later step "
        "is dropped",
        loss_of_W(c), reading_004(c, Reading::immediate, Reading::immediate),
        at(flat(c.n.W), c.where), all_oracles);
}

BOOST_AUTO_TEST_CASE(formula_004_both_total, *utf::label("rn_004_double"))
{
    const Case c = make_case(5);
    verification::expect_gradient_rejected(
        "rn_004_double",
        "both factors total: a path through two steps is counted once at each end",
        loss_of_W(c), reading_004(c, Reading::total, Reading::total),
        at(flat(c.n.W), c.where), all_oracles);
}
// [rn_test_004]

BOOST_AUTO_TEST_CASE(formula_004_one_step, *utf::label("rn_004_one_step"))
{
    // With T = 1 there is no later step and no earlier one: the four readings agree.
    const Case c = make_case(1);
    const Matrix right = rn::bptt(c.n, c.s.X, c.s.Y).dW;
    double differ = 0.0;
    for (Reading a : {Reading::total, Reading::immediate})
        for (Reading b : {Reading::total, Reading::immediate})
            differ = std::max(
                differ,
                (rn::dL_dW_004(c.n, c.s.X, c.s.Y, LossOn::every_step, a, b) - right)
                    .cwiseAbs()
                    .maxCoeff());
    verification::expect_within("rn_004_one_step",
                                "max |reading − BPTT| over the 4 readings, T = 1",
                                differ, 4.0 * 0x1.0p-52 * right.cwiseAbs().maxCoeff());
}

// ---------------------------------------------------------------------------
// Truncated BPTT
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(truncated_full_length, *utf::label("rn_truncated_full"))
{
    const Case c = make_case(5);
    for (Eigen::Index k : {5, 6}) {
        verification::expect_gradient_verified(
            "rn_truncated_full", loss_of_parameters(c),
            [c, k](const Vector&) {
                return rn::flat_gradient(c.n, rn::truncated_bptt(c.n, c.s.X, c.s.Y, k));
            },
            at(rn::flatten(c.n), "k = " + std::to_string(k) + " ≥ T; " + c.where),
            all_oracles);
        verification::expect_gradient_verified(
            "rn_truncated_full", loss_of_inputs(c),
            [c, k](const Vector&) {
                return flat(rn::truncated_bptt(c.n, c.s.X, c.s.Y, k).dX);
            },
            at(flat(c.s.X), "x_1 … x_T, k = " + std::to_string(k) + " ≥ T; " + c.where),
            all_oracles);
    }
}

BOOST_AUTO_TEST_CASE(truncated_one_step, *utf::label("rn_truncated_one"))
{
    // Truncated after one step, each loss reaches W only at its own step: the
    // reading of 004 with both factors immediate.
    const Case c = make_case(5);
    const Matrix k1 = rn::truncated_bptt(c.n, c.s.X, c.s.Y, 1).dW;
    const Matrix both_immediate = rn::dL_dW_004(c.n, c.s.X, c.s.Y, LossOn::every_step,
                                                Reading::immediate, Reading::immediate);
    verification::expect_within(
        "rn_truncated_one", "max |truncated k = 1 − 004 read immediate, immediate|, dW",
        (k1 - both_immediate).cwiseAbs().maxCoeff(),
        8.0 * 0x1.0p-52 * k1.cwiseAbs().maxCoeff());
}

BOOST_AUTO_TEST_CASE(truncated_short, *utf::label("rn_truncated"))
{
    const Case c = make_case(5);
    for (Eigen::Index k : {1, 2, 4}) {
        verification::expect_gradient_rejected(
            "rn_truncated",
            "truncated after k = " + std::to_string(k) +
                " < T steps: the paths longer than k are cut",
            loss_of_parameters(c),
            [c, k](const Vector&) {
                return rn::flat_gradient(c.n, rn::truncated_bptt(c.n, c.s.X, c.s.Y, k));
            },
            at(rn::flatten(c.n), c.where), {central, autodiff});
    }
}

// ---------------------------------------------------------------------------
// Clipping
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(clip_by_norm, *utf::label("rn_clip_norm"))
{
    // Norm clipping returns s g with s = min(1, theta / ||g||): the gradient of s L, so
    // a check against the oracles of s L verifies it; its length is theta.
    const Case c = make_case(24);
    const Vector g = rn::flat_gradient(c.n, rn::bptt(c.n, c.s.X, c.s.Y));
    const double threshold = 0.5 * g.norm();
    const Vector clipped = rn::clip_norm(g, threshold);
    const double s = threshold / g.norm();
    const auto L = loss_of_parameters(c);
    const auto sL = [L, s](const auto& p) -> gradcheck::scalar_of<decltype(p)> {
        return s * L(p);
    };
    verification::expect_gradient_verified(
        "rn_clip_norm", sL, [clipped](const Vector&) { return Vector(clipped); },
        at(rn::flatten(c.n), "θ = ‖g‖/2; " + c.where), all_oracles);
    verification::expect_within("rn_clip_norm", "|‖clipped‖ − θ| / θ",
                                std::abs(clipped.norm() - threshold) / threshold,
                                4.0 * 0x1.0p-52);
    // Below the threshold the gradient is left alone.
    verification::expect_within("rn_clip_norm", "‖clip(g, 2‖g‖) − g‖",
                                (rn::clip_norm(g, 2.0 * g.norm()) - g).norm(), 0.0);
}

BOOST_AUTO_TEST_CASE(clip_by_value, *utf::label("rn_clip_values"))
{
    // Value clipping changes the direction: it is not the gradient of s L for the
    // scale s that fits it best (s = <clipped, g> / ||g||^2), nor for any other.
    const Case c = make_case(24);
    const Vector g = rn::flat_gradient(c.n, rn::bptt(c.n, c.s.X, c.s.Y));
    const double threshold = 0.5 * g.cwiseAbs().maxCoeff();
    const Vector clipped = rn::clip_values(g, threshold);
    const double s = clipped.dot(g) / g.squaredNorm();
    const double cosine = s * g.norm() / clipped.norm();
    verification::quote("rn_clip_cosine", cosine, "%.4f");
    const auto L = loss_of_parameters(c);
    const auto sL = [L, s](const auto& p) -> gradcheck::scalar_of<decltype(p)> {
        return s * L(p);
    };
    verification::expect_gradient_rejected(
        "rn_clip_values",
        "entries clamped to ±max|g_i|/2: the direction is no longer the gradient's", sL,
        [clipped](const Vector&) { return Vector(clipped); },
        at(rn::flatten(c.n), "s = ⟨clipped, g⟩/‖g‖²; " + c.where), all_oracles);
}

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(empty_sequence, *utf::label("rn_errors"))
{
    const Case c = make_case(2);
    const Matrix X(2, 0);
    const Matrix Y(3, 0);
    const auto says_empty = [](const std::invalid_argument& e) {
        return std::string(e.what()).find("the sequence is empty") != std::string::npos;
    };
    BOOST_CHECK_EXCEPTION(rn::bptt(c.n, X, Y), std::invalid_argument, says_empty);
    BOOST_CHECK_EXCEPTION(rn::loss<double>(c.n, X, Y), std::invalid_argument,
                          says_empty);
}

BOOST_AUTO_TEST_CASE(bad_arguments, *utf::label("rn_errors"))
{
    const Case c = make_case(2);
    BOOST_CHECK_THROW(rn::truncated_bptt(c.n, c.s.X, c.s.Y, 0), std::invalid_argument);
    BOOST_CHECK_THROW(rn::clip_norm(Vector::Ones(3), 0.0), std::invalid_argument);
    BOOST_CHECK_THROW(rn::bptt(c.n, c.s.X, Matrix::Zero(3, 3)), std::invalid_argument);
}

// ---------------------------------------------------------------------------
// A batch of sequences of different lengths
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(batch_of_sequences, *utf::label("rn_batch"))
{
    std::mt19937_64 rng(31);
    const Rnn n = make_rnn(rng, 3, 2, 3, 0.8);
    std::vector<Sequence> batch;
    for (Eigen::Index T : {1, 3, 7})
        batch.push_back(make_sequence(rng, 2, 3, T));
    const core::Layout layout = rn::layout_of(n);
    const auto L = [layout, batch](const auto& p) {
        using T = gradcheck::scalar_of<decltype(p)>;
        return rn::batch_loss<T>(rn::unflatten<T>(layout, p), batch);
    };
    verification::expect_gradient_verified(
        "rn_batch", L,
        [n, batch](const Vector&) {
            return rn::flat_gradient(n, rn::batch_bptt(n, batch));
        },
        at(rn::flatten(n), "the mean of 3 sequences of 1, 3 and 7 steps; H = 3, D = 2, "
                           "K = 3"),
        all_oracles);
}

// ---------------------------------------------------------------------------
// Vanishing gradients: a bound that must hold
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(vanishing_bound, *utf::label("rn_vanishing"))
{
    // grad h_t = W^T diag(1 - h_{t+1}^2) grad h_{t+1} when only the last step has a
    // loss, and 0 < 1 - h^2 <= 1 (tanh's gamma = 1): each step back multiplies the
    // norm by at most sigma_max(W).
    for (double sigma : {0.5, 0.9, 1.5}) {
        Case c = make_case(24);
        c.n.W = rn::with_largest_singular_value(c.n.W, sigma);
        verification::expect_within(
            "rn_vanishing",
            "|σ_max(scaled W) − σ| / σ, σ = " + verification::short_number(sigma),
            std::abs(rn::largest_singular_value(c.n.W) - sigma) / sigma,
            8.0 * 0x1.0p-52);
        const Vector norms = rn::state_gradient_norms(c.n, c.s.X, c.s.Y);
        double worst = 0.0;
        for (Eigen::Index t = 0; t + 1 < norms.size(); ++t)
            worst = std::max(worst, norms(t) / norms(t + 1));
        verification::expect_within(
            "rn_vanishing",
            "max over t of ‖∇h_t L‖ / (σ_max(W) ‖∇h_{t+1} L‖), σ_max(W) = " +
                verification::short_number(sigma) + ", T = 24, L = L_T",
            worst / sigma, 1.0 + 8.0 * 0x1.0p-52);
    }
}

// ---------------------------------------------------------------------------
// Exercises
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(exercise_two_steps, *utf::label("rn_ex_two_steps"))
{
    const Case c = make_case(2);
    verification::expect_gradient_verified(
        "rn_ex_two_steps", loss_of_W(c),
        [c](const Vector&) {
            return flat(rn::exercises::dL_dW_two_steps(c.n, c.s.X, c.s.Y));
        },
        at(flat(c.n.W), "three paths written out; " + c.where), all_oracles);
}

BOOST_AUTO_TEST_CASE(exercise_product, *utf::label("rn_ex_product"))
{
    const Case c = make_case(6);
    const rn::Forward f = rn::forward(c.n, c.s.X);
    for (Eigen::Index t = 1; t <= 6; ++t) {
        const Case cc = c;
        const auto LT_of_h = [cc, t](const auto& h) {
            using T = gradcheck::scalar_of<decltype(h)>;
            return rn::loss_from<T>(cc.n, h, cc.s.X, cc.s.Y, t - 1, LossOn::last_step);
        };
        const Vector product = rn::exercises::dLT_dh_product(c.n, c.s.X, c.s.Y, t);
        verification::expect_gradient_verified(
            "rn_ex_product", LT_of_h,
            [product](const Vector&) { return Vector(product); },
            at(Vector(f.H.col(t)), "∂L_T/∂h_" + std::to_string(t) + "; " + c.where),
            all_oracles);
    }
}

BOOST_AUTO_TEST_CASE(exercise_per_tensor, *utf::label("rn_ex_per_tensor"))
{
    // Each tensor clipped on its own is not s g for any s: the tensors whose norm
    // was above the threshold shrink, the others do not.
    const Case c = make_case(24);
    const Vector g = rn::flat_gradient(c.n, rn::bptt(c.n, c.s.X, c.s.Y));
    const core::Layout layout = rn::layout_of(c.n);
    const double threshold = 0.5 * layout.view(g, "W").norm();
    const Vector clipped = rn::exercises::clip_per_tensor(c.n, g, threshold);
    const double s = clipped.dot(g) / g.squaredNorm();
    const auto L = loss_of_parameters(c);
    const auto sL = [L, s](const auto& p) -> gradcheck::scalar_of<decltype(p)> {
        return s * L(p);
    };
    verification::expect_gradient_rejected(
        "rn_ex_per_tensor", "each tensor clipped to ‖∂L/∂W‖/2 on its own", sL,
        [clipped](const Vector&) { return Vector(clipped); },
        at(rn::flatten(c.n), "s = ⟨clipped, g⟩/‖g‖²; " + c.where), all_oracles);
}

BOOST_AUTO_TEST_CASE(exercise_per_tensor_idle, *utf::label("rn_ex_per_tensor_idle"))
{
    // With every tensor's norm below the threshold, nothing is clipped.
    const Case c = make_case(24);
    const Vector g = rn::flat_gradient(c.n, rn::bptt(c.n, c.s.X, c.s.Y));
    verification::expect_within(
        "rn_ex_per_tensor_idle", "‖clip each tensor to 2‖g‖ − g‖: nothing to clip",
        (rn::exercises::clip_per_tensor(c.n, g, 2.0 * g.norm()) - g).norm(), 0.0);
}
