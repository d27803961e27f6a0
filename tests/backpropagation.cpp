// Tests of the chapter "Backpropagation": each step of the backward pass against at
// least two oracles, with the fork rule's one-branch version as a negative control;
// the engine's gradient against three oracles and its forward value against the
// templated forward code; the operation counts of a full gradient; the exercises.
#define BOOST_TEST_MODULE backpropagation
#include "support/vec.hpp"
#include "support/verification.hpp"

#include "backpropagation/backpropagation.hpp"
#include "backpropagation/exercises.hpp"

#include <cmath>
#include <cstddef>
#include <string>
#include <type_traits>

namespace utf = boost::unit_test;
using backpropagation::Matrix;
using backpropagation::Sizes;
using backpropagation::Vector;
using gradcheck::Oracle;
using verification::at;
using verification::show;

namespace {

constexpr Oracle central = Oracle::central_difference;
constexpr Oracle complex_step = Oracle::complex_step;
constexpr Oracle autodiff = Oracle::autodiff;

/// Source 004's network, D = H = K = 2, at a fixed point: theta = [W1, b1, W2, b2].
const Sizes s{2, 2, 2};
const Vector theta =
    vec({0.4, -0.7, 0.9, 0.3, 0.1, -0.2, -0.6, 0.8, 0.5, -0.9, 0.2, 0.05});
const Vector x = vec({0.5, -0.3});
const Vector y = vec({0.0, 1.0});
const std::string where = "004's 2-2-2 network, x = " + show(x) + ", y = " + show(y);

const backpropagation::Forward fwd = backpropagation::forward_pass(s, theta, x);
const Matrix W1 = backpropagation::W1_of(s, theta);
const Matrix W2 = backpropagation::W2_of(s, theta);

/// theta on the scalar type of the oracle's argument v. For autodiff, each entry
/// gets a zero derivative vector of v's length: Eigen's AutoDiffScalar drops the
/// derivatives of a sum whose second term has none.
template <class V> auto theta_as(const V& v)
{
    using T = core::scalar_of<V>;
    core::VectorT<T> t = theta.cast<T>();
    if constexpr (std::is_same_v<T, core::Dual>)
        for (Eigen::Index i = 0; i < t.size(); ++i)
            t(i).derivatives() = Vector::Zero(v(0).derivatives().size());
    return t;
}

/// C as a function of the hidden activations a (the rest of the network fixed).
const auto C_of_a = [](const auto& a) {
    using T = core::scalar_of<decltype(a)>;
    return softmax_cross_entropy::cross_entropy<T>(
        backpropagation::output_logits<T>(s, theta_as(a), a), y);
};

/// C as a function of the hidden pre-activations z.
const auto C_of_z = [](const auto& z) {
    using T = core::scalar_of<decltype(z)>;
    core::VectorT<T> a(z.size());
    for (Eigen::Index j = 0; j < z.size(); ++j)
        a(j) = softmax_cross_entropy::sigmoid(z(j));
    return softmax_cross_entropy::cross_entropy<T>(
        backpropagation::output_logits<T>(s, theta_as(z), a), y);
};

/// C as a function of the whole parameter vector.
const auto C_of_theta = [](const auto& t) {
    using T = core::scalar_of<decltype(t)>;
    return backpropagation::cost<T>(s, t, x, y);
};

/// C as a function of W1 alone (column-major, H x D).
const auto C_of_W1 = [](const auto& w) {
    using T = core::scalar_of<decltype(w)>;
    core::VectorT<T> t = theta_as(w);
    t.head(w.size()) = w;
    return backpropagation::cost<T>(s, t, x, y);
};

Vector flat(const Matrix& m)
{
    return Eigen::Map<const Vector>(m.data(), m.size());
}

} // namespace

BOOST_AUTO_TEST_CASE(forward_value, *utf::label("bp_network"))
{
    // The templated cost (loops) against the matrix forward pass of the backward code,
    // with the cross-entropy computed here directly, in long double.
    const Vector z2 = backpropagation::forward_pass(s, theta, x).z2;
    long double sum = 0.0L;
    for (Eigen::Index k = 0; k < z2.size(); ++k)
        sum += std::exp(static_cast<long double>(z2(k)));
    const auto reference =
        static_cast<double>(std::log(sum) - static_cast<long double>(z2(1))); // y = e_2
    const double C = backpropagation::cost(s, theta, x, y);
    verification::expect_within("bp_network", "|C − C(matrix forward pass)| / C",
                                std::abs(C - reference) / std::abs(reference),
                                8 * gradcheck::machine_epsilon);
}

BOOST_AUTO_TEST_CASE(fork_rule, *utf::label("bp_fork"))
{
    verification::expect_gradient_verified(
        "bp_fork", C_of_a,
        [](const Vector& a) {
            const Vector z2 = W2 * a + theta.segment(backpropagation::layout(s).b2, 2);
            return backpropagation::dC_da(W2, softmax_cross_entropy::dJ_dtheta(z2, y));
        },
        at(fwd.a, "a = " + show(fwd.a) + ", " + where),
        {central, complex_step, autodiff});
}

BOOST_AUTO_TEST_CASE(fork_rule_one_branch, *utf::label("bp_fork_one_branch"))
{
    // The fork rule with its sum cut to the first branch z'.
    verification::expect_gradient_rejected(
        "bp_fork_one_branch",
        "dC/da_j = dC/dz'_1 w_1j: one branch of the fork, the other forgotten", C_of_a,
        [](const Vector& a) {
            const Vector z2 = W2 * a + theta.segment(backpropagation::layout(s).b2, 2);
            const Vector up = softmax_cross_entropy::dJ_dtheta(z2, y);
            return Vector(up(0) * W2.row(0).transpose());
        },
        at(fwd.a, "a = " + show(fwd.a) + ", " + where),
        {central, complex_step, autodiff});
}

BOOST_AUTO_TEST_CASE(through_the_sigmoid, *utf::label("bp_activation"))
{
    verification::expect_gradient_verified(
        "bp_activation", C_of_z,
        [](const Vector& z) {
            const Vector a =
                z.unaryExpr([](double v) { return softmax_cross_entropy::sigmoid(v); });
            const Vector z2 = W2 * a + theta.segment(backpropagation::layout(s).b2, 2);
            return backpropagation::dC_dz(
                a, backpropagation::dC_da(W2, softmax_cross_entropy::dJ_dtheta(z2, y)));
        },
        at(fwd.z, "z = " + show(fwd.z) + ", " + where),
        {central, complex_step, autodiff});
}

BOOST_AUTO_TEST_CASE(weights_of_a_layer, *utf::label("bp_chain"))
{
    verification::expect_gradient_verified(
        "bp_chain", C_of_W1,
        [](const Vector& w) {
            Vector t = theta;
            t.head(w.size()) = w;
            const backpropagation::Forward f = backpropagation::forward_pass(s, t, x);
            const Vector up = softmax_cross_entropy::dJ_dtheta(f.z2, y);
            const Vector dC_dz =
                backpropagation::dC_dz(f.a, backpropagation::dC_da(W2, up));
            return flat(backpropagation::dC_dW(dC_dz, x));
        },
        at(flat(W1), "W1 of " + where), {central, complex_step, autodiff});
}

BOOST_AUTO_TEST_CASE(backward_pass, *utf::label("bp_backward"))
{
    verification::expect_gradient_verified(
        "bp_backward", C_of_theta,
        [](const Vector& t) { return backpropagation::gradient(s, t, x, y); },
        at(theta, "all 12 parameters of " + where), {central, complex_step, autodiff});
}

BOOST_AUTO_TEST_CASE(engine_gradient, *utf::label("bp_engine"))
{
    verification::expect_gradient_verified(
        "bp_engine", C_of_theta,
        [](const Vector& t) { return backpropagation::engine_gradient(s, t, x, y); },
        at(theta, "all 12 parameters of " + where), {central, complex_step, autodiff});
    // The engine's forward value against the templated forward code.
    backpropagation::Graph g;
    const double C_engine = g.value(backpropagation::engine_cost(g, s, theta, x, y));
    const double C = backpropagation::cost(s, theta, x, y);
    verification::expect_within("bp_engine", "|C(engine) − C(templated)| / C",
                                std::abs(C_engine - C) / std::abs(C),
                                8 * gradcheck::machine_epsilon);
}

BOOST_AUTO_TEST_CASE(engine_wider_network, *utf::label("bp_engine"))
{
    // A wider network, where every fork has several branches.
    const Sizes wide{3, 5, 4};
    Vector t(wide.parameters());
    for (Eigen::Index i = 0; i < t.size(); ++i)
        t(i) = std::sin(1.7 * static_cast<double>(i) + 0.3);
    const Vector xw = vec({0.2, -0.8, 0.6});
    const Vector yw = vec({0.0, 0.0, 1.0, 0.0});
    const auto C = [&](const auto& v) {
        using T = core::scalar_of<decltype(v)>;
        return backpropagation::cost<T>(wide, v, xw, yw);
    };
    verification::expect_gradient_verified(
        "bp_engine", C,
        [&](const Vector& v) {
            return backpropagation::engine_gradient(wide, v, xw, yw);
        },
        at(t, "all 44 parameters of a 3-5-4 network, θᵢ = sin(1.7 i + 0.3)"),
        {central, complex_step, autodiff});
}

BOOST_AUTO_TEST_CASE(operation_counts, *utf::label("bp_cost"))
{
    // The counts of GradientCosts against counts measured by running each method on
    // the engine: reverse mode once, central differences as 2n graphs.
    const backpropagation::GradientCosts c = backpropagation::gradient_costs(s);
    const Vector t = Vector::Constant(s.parameters(), 0.1);
    const Vector xs = Vector::Constant(s.D, 0.5);
    std::size_t central_ops = 0;
    for (Eigen::Index i = 0; i < t.size(); ++i)
        for (double sign : {1.0, -1.0}) {
            Vector tp = t;
            tp(i) += sign * 1e-6;
            backpropagation::Graph g;
            backpropagation::engine_cost(g, s, tp, xs, vec({1.0, 0.0}));
            central_ops += g.forward_ops();
        }
    backpropagation::Graph g;
    g.backward(backpropagation::engine_cost(g, s, t, xs, vec({1.0, 0.0})));
    const std::size_t reverse_ops = g.forward_ops() + g.backward_ops();
    verification::expect_within(
        "bp_cost", "|counted − formula|, reverse mode and central differences",
        static_cast<double>((reverse_ops > c.reverse_mode()
                                 ? reverse_ops - c.reverse_mode()
                                 : c.reverse_mode() - reverse_ops) +
                            (central_ops > c.central_difference()
                                 ? central_ops - c.central_difference()
                                 : c.central_difference() - central_ops)),
        0.0);
    // F and B against the node and edge counts of the graph engine_cost builds, read
    // off its loops: a hidden unit is D mul, D add and a sigmoid; an output unit H mul,
    // H add, an exp, a mul by -y_k and two adds; then a log and an add. An add or a
    // mul has two operands (two accumulations backward), a sigmoid, exp or log one.
    std::size_t wrong_counts = 0;
    for (const Sizes& net : {s, Sizes{3, 5, 4}, Sizes{16, 16, 2}}) {
        const auto D = static_cast<std::size_t>(net.D);
        const auto H = static_cast<std::size_t>(net.H);
        const auto K = static_cast<std::size_t>(net.K);
        const backpropagation::GradientCosts ct = backpropagation::gradient_costs(net);
        if (ct.F != H * (2 * D + 1) + K * (2 * H + 4) + 2)
            ++wrong_counts;
        if (ct.B != H * (4 * D + 1) + K * (4 * H + 7) + 3)
            ++wrong_counts;
    }
    verification::expect_within("bp_cost",
                                "F and B against the graph's nodes and edges, "
                                "three sizes (wrong counts)",
                                static_cast<double>(wrong_counts), 0.0);
    verification::quote("bp_F", static_cast<double>(c.F), "%.0f");
    verification::quote("bp_B", static_cast<double>(c.B), "%.0f");
    verification::quote("bp_ratio", static_cast<double>(c.B) / static_cast<double>(c.F),
                        "%.2f");
    const backpropagation::GradientCosts big =
        backpropagation::gradient_costs({64, 64, 2});
    verification::quote(
        "bp_ratio_64", static_cast<double>(big.B) / static_cast<double>(big.F), "%.3f");
    verification::quote("bp_n_64", static_cast<double>(big.n), "%.0f");
    verification::quote("bp_speedup_64",
                        static_cast<double>(big.central_difference()) /
                            static_cast<double>(big.reverse_mode()),
                        "%.0f");
}

BOOST_AUTO_TEST_CASE(exercise_input, *utf::label("bp_ex_input"))
{
    const auto C_of_x = [](const auto& v) {
        using T = core::scalar_of<decltype(v)>;
        const core::VectorT<T> t = theta_as(v);
        const backpropagation::Layout p = backpropagation::layout(s);
        core::VectorT<T> a(s.H);
        for (Eigen::Index j = 0; j < s.H; ++j) {
            T z = t(p.b1 + j);
            for (Eigen::Index i = 0; i < s.D; ++i)
                z += t(p.W1 + i * s.H + j) * v(i);
            a(j) = softmax_cross_entropy::sigmoid(z);
        }
        return softmax_cross_entropy::cross_entropy<T>(
            backpropagation::output_logits<T>(s, t, a), y);
    };
    verification::expect_gradient_verified(
        "bp_ex_input", C_of_x,
        [](const Vector& v) {
            const backpropagation::Forward f =
                backpropagation::forward_pass(s, theta, v);
            const Vector up = softmax_cross_entropy::dJ_dtheta(f.z2, y);
            return backpropagation::exercises::dC_dx(
                W1, backpropagation::dC_dz(f.a, backpropagation::dC_da(W2, up)));
        },
        at(x, where), {central, complex_step, autodiff});
}

BOOST_AUTO_TEST_CASE(exercise_shared_weight, *utf::label("bp_ex_shared"))
{
    // One weight w in both W1(0, 0) and W1(1, 1).
    const auto C_of_w = [](const auto& w) {
        using T = core::scalar_of<decltype(w)>;
        core::VectorT<T> t = theta_as(w);
        t(0) = w(0); // W1(0, 0)
        t(3) = w(0); // W1(1, 1), column-major
        return backpropagation::cost<T>(s, t, x, y);
    };
    verification::expect_gradient_verified(
        "bp_ex_shared", C_of_w,
        [](const Vector& w) {
            Vector t = theta;
            t(0) = w(0);
            t(3) = w(0);
            const Vector g = backpropagation::gradient(s, t, x, y);
            const Matrix dC_dW1 = Eigen::Map<const Matrix>(g.data(), 2, 2);
            return Vector::Constant(1,
                                    backpropagation::exercises::dC_dw_shared(dC_dW1));
        },
        at(vec({0.4}), "w = 0.4 in W1₁₁ and W1₂₂, " + where),
        {central, complex_step, autodiff});
}

BOOST_AUTO_TEST_CASE(exercise_bias, *utf::label("bp_ex_bias"))
{
    const auto C_of_b1 = [](const auto& b) {
        using T = core::scalar_of<decltype(b)>;
        core::VectorT<T> t = theta_as(b);
        t.segment(backpropagation::layout(s).b1, s.H) = b;
        return backpropagation::cost<T>(s, t, x, y);
    };
    verification::expect_gradient_verified(
        "bp_ex_bias", C_of_b1,
        [](const Vector& b) {
            Vector t = theta;
            t.segment(backpropagation::layout(s).b1, s.H) = b;
            const backpropagation::Forward f = backpropagation::forward_pass(s, t, x);
            const Vector up = softmax_cross_entropy::dJ_dtheta(f.z2, y);
            return backpropagation::exercises::dC_db(
                backpropagation::dC_dz(f.a, backpropagation::dC_da(W2, up)));
        },
        at(theta.segment(backpropagation::layout(s).b1, s.H), "b1 of " + where),
        {central, complex_step, autodiff});
}

BOOST_AUTO_TEST_CASE(bad_sizes)
{
    BOOST_CHECK_THROW(backpropagation::gradient(s, vec({1.0}), x, y),
                      std::invalid_argument);
    BOOST_CHECK_THROW(backpropagation::engine_gradient(s, theta, vec({1.0}), y),
                      std::invalid_argument);
}
