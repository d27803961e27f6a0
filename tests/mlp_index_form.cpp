// Tests of the chapter "The multilayer perceptron in index form": source 001's
// three-layer network with the activations sigmoid, tanh and softplus; each
// activation's derivative, delta_k, dL/dw_kj and dL/dw_ji as index loops, the same in
// matrix form and the two forms equal to rounding; the update rule as a step of
// gradient descent; the softmax output layer; 001's sum over k = 1..h taken as
// printed (verified where h = c, rejected where h < c, an error where h > c); and the
// exercises.
#define BOOST_TEST_MODULE mlp_index_form
#include "support/vec.hpp"
#include "support/verification.hpp"

#include "mlp_index_form/exercises.hpp"
#include "mlp_index_form/mlp_index_form.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace utf = boost::unit_test;
namespace mi = mlp_index_form;
using gradcheck::Oracle;
using mi::Matrix;
using mi::Network;
using mi::Vector;
using verification::at;
using verification::show;

namespace {

constexpr Oracle central = Oracle::central_difference;
constexpr Oracle complex_step = Oracle::complex_step;
constexpr Oracle autodiff = Oracle::autodiff;
const std::vector<Oracle> all_oracles = {central, complex_step, autodiff};
constexpr double eps = std::numeric_limits<double>::epsilon();

/// The test point: d = 2 inputs, up to 4 hidden units and 3 outputs; every weight
/// nonzero and every output away from its target, so that each parameter matters.
const Vector x = vec({0.8, -0.6});
const Vector t = vec({0.2, 0.7, 0.45});

/// The first h hidden units and c output units of one fixed network.
Network make_network(Eigen::Index h, Eigen::Index c)
{
    Matrix w_ji(4, 2);
    w_ji << 0.9, -0.4, //
        -0.7, 1.1,     //
        0.5, 0.8,      //
        -1.2, -0.3;
    Matrix w_kj(3, 4);
    w_kj << 0.6, -0.9, 0.4, 0.3, //
        -0.5, 0.7, -0.8, 1.0,    //
        0.9, 0.2, -0.6, -0.7;
    return {w_ji.topRows(h), w_kj.topLeftCorner(c, h)};
}
const Network net = make_network(4, 3); // h = 4, c = 3: h != c

std::string where(const Network& n, const char* f)
{
    return "f = " + std::string(f) + ", d = 2, h = " + std::to_string(n.w_ji.rows()) +
           ", c = " + std::to_string(n.w_kj.rows()) + ", x = " + show(x);
}

std::string number(double v)
{
    char text[32];
    std::snprintf(text, sizeof text, "%g", v);
    return text;
}

Vector flat(const Matrix& A)
{
    return Eigen::Map<const Vector>(A.data(), A.size());
}

/// L as a function of all the weights [w_ji, w_kj], of w_kj alone and of w_ji alone.
template <class F> auto loss_of_all(const Network& n, const Vector& target)
{
    const core::Layout layout = mi::layout_of(n);
    return [layout, target](const auto& p) -> gradcheck::scalar_of<decltype(p)> {
        using T = gradcheck::scalar_of<decltype(p)>;
        return mi::loss<F, T>(mi::unflatten<T>(layout, p), x.cast<T>(), target);
    };
}

template <class F> auto loss_of_w_kj(const Network& n)
{
    return [n](const auto& v) -> gradcheck::scalar_of<decltype(v)> {
        using T = gradcheck::scalar_of<decltype(v)>;
        const mi::NetworkT<T> m{
            n.w_ji.cast<T>(),
            Eigen::Map<const mi::MatrixT<T>>(v.data(), n.w_kj.rows(), n.w_kj.cols())};
        return mi::loss<F, T>(m, x.cast<T>(), t);
    };
}

template <class F> auto loss_of_w_ji(const Network& n)
{
    return [n](const auto& v) -> gradcheck::scalar_of<decltype(v)> {
        using T = gradcheck::scalar_of<decltype(v)>;
        const mi::NetworkT<T> m{
            Eigen::Map<const mi::MatrixT<T>>(v.data(), n.w_ji.rows(), n.w_ji.cols()),
            n.w_kj.cast<T>()};
        return mi::loss<F, T>(m, x.cast<T>(), t);
    };
}

/// n with w_ji replaced by the flat v.
Network with_w_ji(const Network& n, const Vector& v)
{
    return {Eigen::Map<const Matrix>(v.data(), n.w_ji.rows(), n.w_ji.cols()), n.w_kj};
}

Network with_w_kj(const Network& n, const Vector& v)
{
    return {n.w_ji, Eigen::Map<const Matrix>(v.data(), n.w_kj.rows(), n.w_kj.cols())};
}

/// Runs check<F>() for each of the three activations.
template <class Check> void for_each_activation(const Check& check)
{
    check(mi::Sigmoid{});
    check(mi::Tanh{});
    check(mi::Softplus{});
}

} // namespace

// ---------------------------------------------------------------------------
// The activations
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(activation_derivatives, *utf::label("mi_activation"))
{
    const Vector a = vec({-2.5, -0.7, 0.0, 0.4, 3.1});
    for_each_activation([&a](auto activation) {
        using F = decltype(activation);
        const auto f_map = [](const auto& v) {
            using T = gradcheck::scalar_of<decltype(v)>;
            mi::VectorT<T> out(v.size());
            for (Eigen::Index j = 0; j < v.size(); ++j)
                out(j) = F::f(T(v(j)));
            return out;
        };
        verification::expect_jacobian_verified(
            "mi_activation", f_map,
            [](const Vector& v) { return Matrix(mi::f_prime_of<F>(v).asDiagonal()); },
            at(a, std::string(F::name) + ", a = " + show(a)), all_oracles);
    });
}

// ---------------------------------------------------------------------------
// The index form
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(delta_k, *utf::label("mi_delta_k"))
{
    for_each_activation([](auto activation) {
        using F = decltype(activation);
        const Vector net_k = mi::forward<F, double>(net, x).net_k;
        verification::expect_gradient_verified(
            "mi_delta_k",
            [](const auto& v) -> gradcheck::scalar_of<decltype(v)> {
                using T = gradcheck::scalar_of<decltype(v)>;
                return mi::loss_of_net_k<F, T>(v, t);
            },
            [](const Vector& v) {
                mi::Forward s;
                s.net_k = v;
                s.z_k = mi::f_of<F>(v);
                return mi::delta_k_of<F>(s, t);
            },
            at(net_k, std::string(F::name) + ", net_k = " + show(net_k)), all_oracles);
    });
}

BOOST_AUTO_TEST_CASE(gradient_w_kj, *utf::label("mi_dw_kj"))
{
    for_each_activation([](auto activation) {
        using F = decltype(activation);
        verification::expect_gradient_verified(
            "mi_dw_kj", loss_of_w_kj<F>(net),
            [](const Vector& v) {
                return flat(mi::gradients<F>(with_w_kj(net, v), x, t).dL_dw_kj);
            },
            at(flat(net.w_kj), "w_kj 3 × 4; " + where(net, F::name)), all_oracles);
    });
}

BOOST_AUTO_TEST_CASE(gradient_w_ji, *utf::label("mi_dw_ji"))
{
    for_each_activation([](auto activation) {
        using F = decltype(activation);
        verification::expect_gradient_verified(
            "mi_dw_ji", loss_of_w_ji<F>(net),
            [](const Vector& v) {
                return flat(mi::gradients<F>(with_w_ji(net, v), x, t).dL_dw_ji);
            },
            at(flat(net.w_ji), "w_ji 4 × 2; " + where(net, F::name)), all_oracles);
    });
}

// ---------------------------------------------------------------------------
// The matrix form
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(matrix_form, *utf::label("mi_matrix"))
{
    const core::Layout layout = mi::layout_of(net);
    for_each_activation([&layout](auto activation) {
        using F = decltype(activation);
        verification::expect_gradient_verified(
            "mi_matrix", loss_of_all<F>(net, t),
            [&layout](const Vector& p) {
                const mi::Gradients g =
                    mi::matrix_gradients<F>(mi::unflatten<double>(layout, p), x, t);
                return Vector(core::flatten(layout, g.dL_dw_ji, g.dL_dw_kj));
            },
            at(mi::flatten(net), "[w_ji, w_kj], 20 weights; " + where(net, F::name)),
            all_oracles);
    });
}

// [mi_matrix_equal]
BOOST_AUTO_TEST_CASE(loops_equal_matrix_form, *utf::label("mi_matrix_equal"))
{
    // The two forms compute the same products; they may add them in other orders
    // (Eigen's products for net = W x and W^T delta). A reordered sum of n terms
    // moves by at most about 2 n eps times the sum of their magnitudes, here of
    // order 1; the longest chain adds d, then h, then c terms.
    for (const Eigen::Index h : {2, 3, 4}) {
        const Network n = make_network(h, 3);
        const double bound = 4.0 * static_cast<double>(2 + h + 3) * eps;
        double worst = 0.0;
        for_each_activation([&n, &worst](auto activation) {
            using F = decltype(activation);
            const mi::Gradients loops = mi::gradients<F>(n, x, t);
            const mi::Gradients matrix = mi::matrix_gradients<F>(n, x, t);
            worst =
                std::max({worst, (loops.delta_k - matrix.delta_k).cwiseAbs().maxCoeff(),
                          (loops.delta_j - matrix.delta_j).cwiseAbs().maxCoeff(),
                          (loops.dL_dw_kj - matrix.dL_dw_kj).cwiseAbs().maxCoeff(),
                          (loops.dL_dw_ji - matrix.dL_dw_ji).cwiseAbs().maxCoeff()});
        });
        verification::expect_within("mi_matrix_equal",
                                    "max |loops − matrix form|, δ_k, δ_j and both "
                                    "gradients, sigmoid, tanh, softplus; h = " +
                                        std::to_string(h) + ", c = 3",
                                    worst, bound);
    }
}
// [mi_matrix_equal]

// ---------------------------------------------------------------------------
// The update rule
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(update_rule, *utf::label("mi_update"))
{
    const core::Layout layout = mi::layout_of(net);
    for_each_activation([&layout](auto activation) {
        using F = decltype(activation);
        for (const double eta : {1.0, 0.25}) {
            // The step the rule takes, (w - w_new) / eta, is the gradient.
            verification::expect_gradient_verified(
                "mi_update", loss_of_all<F>(net, t),
                [&layout, eta](const Vector& p) {
                    const Network n = mi::unflatten<double>(layout, p);
                    return Vector((p - mi::flatten(mi::update<F>(n, x, t, eta))) / eta);
                },
                at(mi::flatten(net),
                   "(w − w_new)/η, η = " + number(eta) + "; " + where(net, F::name)),
                {central, autodiff});
            // And one step of the rule is one step of gradient descent on L, coded
            // from the gradient: the same numbers but for the order of the products.
            const Network rule = mi::update<F>(net, x, t, eta);
            const mi::Gradients g = mi::gradients<F>(net, x, t);
            const Network descent = mi::gradient_descent_step(net, g, eta);
            const double error =
                std::max((rule.w_kj - descent.w_kj).cwiseAbs().maxCoeff(),
                         (rule.w_ji - descent.w_ji).cwiseAbs().maxCoeff());
            const double size = std::max(
                (net.w_kj.cwiseAbs() + eta * g.dL_dw_kj.cwiseAbs()).maxCoeff(),
                (net.w_ji.cwiseAbs() + eta * g.dL_dw_ji.cwiseAbs()).maxCoeff());
            verification::expect_within("mi_update",
                                        "|rule − (w − η ∂L/∂w)|, both matrices, " +
                                            std::string(F::name) +
                                            ", η = " + number(eta),
                                        error, 8.0 * eps * size);
        }
    });
}

// ---------------------------------------------------------------------------
// Softmax and cross-entropy at the output
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(softmax_output, *utf::label("mi_softmax"))
{
    const Vector t_soft = vec({0.25, 0.5, 0.25}); // sums to 1: see errata_sum_one
    const core::Layout layout = mi::layout_of(net);
    for_each_activation([&layout, &t_soft](auto activation) {
        using F = decltype(activation);
        verification::expect_gradient_verified(
            "mi_softmax",
            [&layout, &t_soft](const auto& p) -> gradcheck::scalar_of<decltype(p)> {
                using T = gradcheck::scalar_of<decltype(p)>;
                return mi::softmax_loss<F, T>(mi::unflatten<T>(layout, p), x.cast<T>(),
                                              t_soft);
            },
            [&layout, &t_soft](const Vector& p) {
                const mi::Gradients g = mi::softmax_gradients<F>(
                    mi::unflatten<double>(layout, p), x, t_soft);
                return Vector(core::flatten(layout, g.dL_dw_ji, g.dL_dw_kj));
            },
            at(mi::flatten(net),
               "[w_ji, w_kj]; t = " + show(t_soft) + "; " + where(net, F::name)),
            all_oracles);
    });
}

// ---------------------------------------------------------------------------
// Source 001's sum over k = 1..h, as printed
// ---------------------------------------------------------------------------

// [mi_printed_square]
BOOST_AUTO_TEST_CASE(printed_sum_with_h_equal_c, *utf::label("mi_printed_square"))
{
    // h = c = 3: the printed range 1..h is the right range 1..c, and the literal
    // formula passes. A test with h = c cannot see the slip.
    const Network square = make_network(3, 3);
    for_each_activation([&square](auto activation) {
        using F = decltype(activation);
        verification::expect_gradient_verified(
            "mi_printed_square", loss_of_w_ji<F>(square),
            [&square](const Vector& v) {
                return flat(mi::printed_dL_dw_ji<F>(with_w_ji(square, v), x, t));
            },
            at(flat(square.w_ji), "w_ji 3 × 3; " + where(square, F::name)),
            {central, autodiff});
        const double differ = (mi::printed_dL_dw_ji<F>(square, x, t) -
                               mi::gradients<F>(square, x, t).dL_dw_ji)
                                  .cwiseAbs()
                                  .maxCoeff();
        verification::expect_within(
            "mi_printed_square",
            "|printed − loops| for h = c = 3, " + std::string(F::name), differ, 0.0);
    });
}
// [mi_printed_square]

// [mi_errata_sum_h]
BOOST_AUTO_TEST_CASE(printed_sum_is_rejected, *utf::label("mi_errata_sum_h"))
{
    // h = 2 < c = 3: the sum over k = 1..h drops output unit 3.
    const Network narrow = make_network(2, 3);
    for_each_activation([&narrow](auto activation) {
        using F = decltype(activation);
        verification::expect_gradient_rejected(
            "mi_errata_sum_h",
            "001's ∂L/∂w_ji with the sum over k = 1..h: with h = 2 hidden units it "
            "drops output unit 3 of c = 3",
            loss_of_w_ji<F>(narrow),
            [&narrow](const Vector& v) {
                return flat(mi::printed_dL_dw_ji<F>(with_w_ji(narrow, v), x, t));
            },
            at(flat(narrow.w_ji), "w_ji 2 × 2; " + where(narrow, F::name)),
            {central, autodiff});
        // h = 4 > c = 3: the printed sum would read w_kj past its 3 rows.
        BOOST_CHECK_THROW(mi::printed_dL_dw_ji<F>(net, x, t), std::out_of_range);
    });
}
// [mi_errata_sum_h]

// ---------------------------------------------------------------------------
// Exercises
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(exercise_bias, *utf::label("mi_ex_bias"))
{
    const Vector b_j = vec({0.3, -0.2, 0.1, -0.4});
    const Vector b_k = vec({-0.1, 0.25, 0.15});
    Vector b(7);
    b << b_j, b_k;
    for_each_activation([&b](auto activation) {
        using F = decltype(activation);
        verification::expect_gradient_verified(
            "mi_ex_bias",
            [](const auto& v) -> gradcheck::scalar_of<decltype(v)> {
                using T = gradcheck::scalar_of<decltype(v)>;
                return mi::biased_loss<F, T>(net, v.head(4), v.tail(3), x, t);
            },
            [](const Vector& v) {
                return mi::bias_gradient<F>(net, v.head(4), v.tail(3), x, t);
            },
            at(b, "[b_j, b_k] = " + show(b) + "; " + where(net, F::name)), all_oracles);
    });
}

BOOST_AUTO_TEST_CASE(exercise_input, *utf::label("mi_ex_input"))
{
    for_each_activation([](auto activation) {
        using F = decltype(activation);
        verification::expect_gradient_verified(
            "mi_ex_input",
            [](const auto& v) -> gradcheck::scalar_of<decltype(v)> {
                using T = gradcheck::scalar_of<decltype(v)>;
                return mi::loss<F, T>(
                    mi::NetworkT<T>{net.w_ji.cast<T>(), net.w_kj.cast<T>()}, v, t);
            },
            [](const Vector& v) { return mi::input_gradient<F>(net, v, t); },
            at(x, "x the variable; " + where(net, F::name)), all_oracles);
    });
}

BOOST_AUTO_TEST_CASE(exercise_cross_entropy_sigmoid, *utf::label("mi_ex_ce_sigmoid"))
{
    const core::Layout layout = mi::layout_of(net);
    verification::expect_gradient_verified(
        "mi_ex_ce_sigmoid",
        [&layout](const auto& p) -> gradcheck::scalar_of<decltype(p)> {
            using T = gradcheck::scalar_of<decltype(p)>;
            return mi::sigmoid_cross_entropy<T>(mi::unflatten<T>(layout, p),
                                                x.cast<T>(), t);
        },
        [&layout](const Vector& p) {
            const mi::Gradients g = mi::sigmoid_cross_entropy_gradients(
                mi::unflatten<double>(layout, p), x, t);
            return Vector(core::flatten(layout, g.dL_dw_ji, g.dL_dw_kj));
        },
        at(mi::flatten(net), "[w_ji, w_kj]; " + where(net, "sigmoid")), all_oracles);
}

BOOST_AUTO_TEST_CASE(exercise_deep, *utf::label("mi_ex_deep"))
{
    // x_i -> y_j (4 units) -> y_m (3 units) -> z_k (2 outputs).
    Matrix w_km(2, 3);
    w_km << 0.7, -1.1, 0.5, //
        -0.6, 0.4, 0.9;
    const Matrix w_mj = net.w_kj; // 3 x 4
    const Vector t2 = t.head(2);
    for_each_activation([&w_km, &w_mj, &t2](auto activation) {
        using F = decltype(activation);
        verification::expect_gradient_verified(
            "mi_ex_deep",
            [&w_km, &w_mj, &t2](const auto& v) -> gradcheck::scalar_of<decltype(v)> {
                using T = gradcheck::scalar_of<decltype(v)>;
                const mi::DeepNetworkT<T> n{
                    Eigen::Map<const mi::MatrixT<T>>(v.data(), 4, 2), w_mj.cast<T>(),
                    w_km.cast<T>()};
                return mi::deep_loss<F, T>(n, x.cast<T>(), t2);
            },
            [&w_km, &w_mj, &t2](const Vector& v) {
                const mi::DeepNetwork n{Eigen::Map<const Matrix>(v.data(), 4, 2), w_mj,
                                        w_km};
                return flat(mi::deep_dL_dw_ji<F>(n, x, t2));
            },
            at(flat(net.w_ji),
               "w_ji 4 × 2, w_mj 3 × 4, w_km 2 × 3; f = " + std::string(F::name)),
            all_oracles);
    });
}

// ---------------------------------------------------------------------------
// Bad input
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(mismatched_shapes)
{
    const Network bad{net.w_ji, net.w_kj.leftCols(3)};
    BOOST_CHECK_THROW((mi::loss<mi::Sigmoid, double>(bad, x, t)),
                      std::invalid_argument);
    BOOST_CHECK_THROW((mi::loss<mi::Sigmoid, double>(net, vec({1.0, 2.0, 3.0}), t)),
                      std::invalid_argument);
    BOOST_CHECK_THROW((mi::loss<mi::Sigmoid, double>(net, x, vec({0.5}))),
                      std::invalid_argument);
    BOOST_CHECK_THROW(mi::gradients<mi::Tanh>(net, x, vec({0.5})),
                      std::invalid_argument);
    BOOST_CHECK_THROW(mi::update<mi::Tanh>(net, x, vec({0.5}), 1.0),
                      std::invalid_argument);
}
