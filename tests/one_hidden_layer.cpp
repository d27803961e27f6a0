// Tests of the chapter "One hidden layer": delta1, delta2 in both layouts and every
// gradient of source 000's network against at least two oracles, at a point where one
// pre-activation is exactly zero (the ReLU kink) and at a smooth one; the batch; the
// slips of 000 as negative controls; and the exercises.
#define BOOST_TEST_MODULE one_hidden_layer
#include "support/vec.hpp"
#include "support/verification.hpp"

#include "one_hidden_layer/exercises.hpp"
#include "one_hidden_layer/one_hidden_layer.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace utf = boost::unit_test;
namespace oh = one_hidden_layer;
using gradcheck::CheckOptions;
using gradcheck::CheckResult;
using gradcheck::Oracle;
using gradcheck::Verdict;
using oh::Matrix;
using oh::Network;
using oh::RowVector;
using oh::Vector;
using verification::at;
using verification::show;

namespace {

constexpr Oracle central = Oracle::central_difference;
constexpr Oracle complex_step = Oracle::complex_step;
constexpr Oracle autodiff = Oracle::autodiff;
const std::vector<Oracle> all_oracles = {central, complex_step, autodiff};

/// The test point: Dx = 2, Dh = 5, Nc = 3. W, b1 and x are dyadic, so that
/// z = W x + b1 = [0.875, -0.5, 0, 0.375, 0.3125] is computed exactly: z_2 == 0.0 is
/// the kink of its ReLU, and z_1 < 0 is a unit that is off.
const Vector x = vec({0.5, -0.25});
const Vector y = vec({0.0, 1.0, 0.0});
Network make_network(double b1_2)
{
    Network n;
    n.W.resize(5, 2);
    n.W << 1.25, -0.5, //
        -0.75, 1.5,    //
        0.75, -0.5,    //
        0.5, 1.0,      //
        -1.0, -1.25;
    n.b1 = vec({0.125, 0.25, b1_2, 0.375, 0.5});
    n.U.resize(3, 5);
    n.U << 0.9, -0.4, 1.3, 0.2, -0.7, //
        -1.1, 0.6, 0.3, -0.8, 0.5,    //
        0.5, 1.7, -0.2, 0.4, -0.9;
    n.b2 = vec({0.1, -0.2, 0.05});
    return n;
}
const Network kinked = make_network(-0.5);   // z_2 = 0 exactly
const Network smooth = make_network(-0.375); // z_2 = 0.125: no kink within a step

std::string where(const Network& n)
{
    const Vector z = oh::forward(n, x).z;
    return "x = " + show(x) + ", z = " + show(z) + ", y = e₁";
}

Vector flat(const Matrix& A)
{
    return Eigen::Map<const Vector>(A.data(), A.size());
}

/// The ReLU mask of z, the kink pattern of every check here.
std::vector<long> mask(const Vector& z)
{
    std::vector<long> m;
    for (Eigen::Index j = 0; j < z.size(); ++j)
        m.push_back(z(j) > 0.0 ? 1 : 0);
    return m;
}

/// J as a function of one block of the network (or of x), the rest held fixed; and
/// the kink pattern in that block's coordinates.
enum class Block { W, b1, U, b2, input };

template <class T>
oh::NetworkT<T> with_block(const Network& n, Block b, const oh::VectorT<T>& v)
{
    oh::NetworkT<T> m = oh::cast<T>(n);
    if (b == Block::W)
        m.W = Eigen::Map<const oh::MatrixT<T>>(v.data(), n.W.rows(), n.W.cols());
    if (b == Block::b1)
        m.b1 = v;
    if (b == Block::U)
        m.U = Eigen::Map<const oh::MatrixT<T>>(v.data(), n.U.rows(), n.U.cols());
    if (b == Block::b2)
        m.b2 = v;
    return m;
}

auto loss_of(const Network& n, Block b)
{
    return [n, b](const auto& v) {
        using T = gradcheck::scalar_of<decltype(v)>;
        const oh::VectorT<T> xs = b == Block::input ? oh::VectorT<T>(v) : x.cast<T>();
        return oh::loss<T>(with_block<T>(n, b, v), xs, y);
    };
}

gradcheck::KinkPattern pattern_of(const Network& n, Block b)
{
    return [n, b](const Vector& v) {
        const Vector xs = b == Block::input ? v : x;
        return mask(oh::forward(with_block<double>(n, b, v), xs).z);
    };
}

Vector block_value(const Network& n, Block b)
{
    switch (b) {
    case Block::W:
        return flat(n.W);
    case Block::b1:
        return n.b1;
    case Block::U:
        return flat(n.U);
    case Block::b2:
        return n.b2;
    case Block::input:
        return x;
    }
    return {};
}

/// One gradient of the backward pass, checked by every oracle with the kink
/// pattern; returns the number of coordinates skipped (the same for every oracle).
template <class G>
long check_block(const std::string& label, const Network& n, Block b, const G& hand,
                 const std::string& what)
{
    CheckOptions options;
    options.kink_pattern = pattern_of(n, b);
    const Vector analytic = hand(oh::gradients(n, x, y));
    long skipped = -1;
    for (Oracle oracle : all_oracles) {
        const CheckResult r = gradcheck::check_gradient(
            label, loss_of(n, b), block_value(n, b), analytic, oracle, options);
        if (skipped >= 0)
            BOOST_TEST(r.skipped == skipped);
        skipped = static_cast<long>(r.skipped);
        verification::expect_verified(r, what + "; " + where(n));
    }
    return skipped;
}

} // namespace

// ---------------------------------------------------------------------------
// ReLU and its derivative
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(relu_derivative, *utf::label("oh_relu_prime"))
{
    const Vector z = oh::forward(kinked, x).z;
    BOOST_TEST(z(2) == 0.0); // the dyadic point is exact: the kink itself
    const auto relu_map = [](const auto& v) { return oh::relu(v); };
    CheckOptions options;
    options.kink_pattern = mask;
    const Matrix jacobian = Matrix(oh::relu_prime(z).asDiagonal());
    for (Oracle oracle : all_oracles) {
        const CheckResult r = gradcheck::check_jacobian("oh_relu_prime", relu_map, z,
                                                        jacobian, oracle, options);
        BOOST_TEST(r.skipped == 1); // z_2, on its kink
        verification::expect_verified(r, "z = " + show(z) + "; z₂ = 0 on its kink");
    }
    // 000's form sgn(ReLU(z)) is the same function, 0 at z = 0 included.
    const Vector zs = vec({-1.5, -0.25, 0.0, 0.125, 2.0});
    double differ = 0.0;
    for (Eigen::Index j = 0; j < zs.size(); ++j) {
        const double relu = oh::relu(zs(j));
        const double sgn = relu > 0.0 ? 1.0 : (relu < 0.0 ? -1.0 : 0.0);
        differ = std::max(differ, std::abs(oh::relu_prime(zs)(j) - sgn));
    }
    verification::expect_within(
        "oh_relu_prime", "|ReLU′(z) − sgn(ReLU(z))| for z = " + show(zs), differ, 0.0);
}

// [oh_relu_convention]
BOOST_AUTO_TEST_CASE(relu_convention_at_zero, *utf::label("oh_relu_convention"))
{
    // On the kink, without a kink pattern, the infinitesimal oracles follow the
    // branch the code takes, ReLU'(0) = 0, and agree with db1_2 = 0 exactly.
    const Vector db1 = oh::gradients(kinked, x, y).db1;
    for (Oracle oracle : {complex_step, autodiff}) {
        const gradcheck::Matrix numeric = gradcheck::numerical_jacobian(
            oracle, loss_of(kinked, Block::b1), kinked.b1);
        verification::expect_within("oh_relu_convention",
                                    std::string(gradcheck::name(oracle)) +
                                        ": |∂J/∂b1₂ − hand| at z₂ = 0",
                                    std::abs(numeric(0, 2) - db1(2)), 0.0);
    }
    BOOST_TEST(db1(2) == 0.0);
}
// [oh_relu_convention]

BOOST_AUTO_TEST_CASE(central_difference_on_the_kink, *utf::label("oh_kink"))
{
    // Without the pattern, the central difference on the kink measures a chord: half
    // of the slope U^T delta1 that the unit has when it is on.
    const Vector delta1 = oh::delta1_of(oh::forward(kinked, x).theta, y);
    const double slope_on = (kinked.U.transpose() * delta1)(2);
    const gradcheck::Matrix numeric =
        gradcheck::numerical_jacobian(central, loss_of(kinked, Block::b1), kinked.b1);
    const double ratio = numeric(0, 2) / slope_on;
    verification::quote("oh_half_slope", ratio, "%.6f");
    verification::quote("oh_slope_on", slope_on, "%.4f");
    // The chord is s/2 + J''h/4 for the slope s of the side where the unit is on:
    // half the slope, up to a term of the order of the step h = cbrt(eps) ~ 6e-6.
    verification::expect_within("oh_kink",
                                "|chord / (Uᵀδ₁)₂ − ½|, central difference at z₂ = 0",
                                std::abs(ratio - 0.5), 1e-5);
}

// [oh_kink_without_pattern]
BOOST_AUTO_TEST_CASE(right_gradient_without_the_pattern,
                     *utf::label("oh_kink_without_pattern"))
{
    verification::expect_gradient_rejected(
        "oh_kink_without_pattern",
        "the right db1 (ReLU′(0) = 0), checked without the kink pattern: the central "
        "difference straddles z₂ = 0 and measures half the slope",
        loss_of(kinked, Block::b1),
        [](const Vector&) { return oh::gradients(kinked, x, y).db1; },
        at(kinked.b1, "b1 = " + show(kinked.b1) + "; " + where(kinked)), {central});
}
// [oh_kink_without_pattern]

// ---------------------------------------------------------------------------
// delta1 and delta2
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(delta1, *utf::label("oh_delta1"))
{
    const Vector theta = oh::forward(kinked, x).theta;
    const auto J_theta = [](const auto& t) {
        return softmax_cross_entropy::cross_entropy(t, y);
    };
    verification::expect_gradient_verified(
        "oh_delta1", J_theta, [](const Vector& t) { return oh::delta1_of(t, y); },
        at(theta, "θ = U h + b2 = " + show(theta) + "; y = e₁"), all_oracles);
}

BOOST_AUTO_TEST_CASE(delta2, *utf::label("oh_delta2"))
{
    for (const Network* n : {&kinked, &smooth}) {
        const oh::Forward f = oh::forward(*n, x);
        const Network net = *n;
        const auto J_z = [net](const auto& z) { return oh::loss_of_z(net, z, y); };
        const Vector hand = oh::delta2_of(net.U, oh::delta1_of(f.theta, y), f.z);
        CheckOptions options;
        options.kink_pattern = mask;
        for (Oracle oracle : all_oracles) {
            const CheckResult r =
                gradcheck::check_gradient("oh_delta2", J_z, f.z, hand, oracle, options);
            BOOST_TEST(r.skipped == (n == &kinked ? 1 : 0));
            verification::expect_verified(r, "z = " + show(f.z));
        }
    }
}

BOOST_AUTO_TEST_CASE(delta2_numerator_layout, *utf::label("oh_delta2_numerator"))
{
    const oh::Forward f = oh::forward(smooth, x);
    const RowVector delta1 = oh::delta1_of(f.theta, y).transpose(); // 000's row
    const auto J_z = [](const auto& z) { return oh::loss_of_z(smooth, z, y); };
    verification::expect_gradient_verified(
        "oh_delta2_numerator", J_z,
        [delta1](const Vector& z) {
            return Vector(oh::delta2_numerator(delta1, smooth.U, z).transpose());
        },
        at(f.z, "z = " + show(f.z) + "; δ₁ a row"), all_oracles);
    // The two layouts hold the same numbers: transposed, the row is the column.
    double differ = 0.0;
    for (const Network* n : {&kinked, &smooth}) {
        const oh::Forward g = oh::forward(*n, x);
        const Vector d1 = oh::delta1_of(g.theta, y);
        const Vector column = oh::delta2_of(n->U, d1, g.z);
        const RowVector row = oh::delta2_numerator(d1.transpose(), n->U, g.z);
        BOOST_TEST((row.rows() == 1 && column.cols() == 1));
        differ = std::max(differ, (row.transpose() - column).cwiseAbs().maxCoeff());
        const oh::Gradients a = oh::gradients(*n, x, y);
        const oh::Gradients b = oh::gradients_numerator(*n, x, y);
        differ = std::max({differ, (a.dW - b.dW).cwiseAbs().maxCoeff(),
                           (a.db1 - b.db1).cwiseAbs().maxCoeff(),
                           (a.dU - b.dU).cwiseAbs().maxCoeff(),
                           (a.db2 - b.db2).cwiseAbs().maxCoeff(),
                           (a.dx - b.dx).cwiseAbs().maxCoeff()});
    }
    verification::expect_within(
        "oh_delta2_numerator",
        "|numerator layout, transposed − shape convention|, δ₂ and all 5 gradients",
        differ, 0.0);
}

// ---------------------------------------------------------------------------
// The gradients of the parameters and of the input
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(gradient_U, *utf::label("oh_dU"))
{
    const long skipped = check_block(
        "oh_dU", kinked, Block::U, [](const oh::Gradients& g) { return flat(g.dU); },
        "U 3 × 5 as one vector");
    BOOST_TEST(skipped == 0); // z does not depend on U
}

BOOST_AUTO_TEST_CASE(gradient_b2, *utf::label("oh_db2"))
{
    const long skipped = check_block(
        "oh_db2", kinked, Block::b2, [](const oh::Gradients& g) { return g.db2; },
        "b2 = " + show(kinked.b2));
    BOOST_TEST(skipped == 0);
}

BOOST_AUTO_TEST_CASE(gradient_W, *utf::label("oh_dW"))
{
    // Row 2 of W moves z_2 off its kink in both directions: its 2 entries are skipped.
    const long skipped = check_block(
        "oh_dW", kinked, Block::W, [](const oh::Gradients& g) { return flat(g.dW); },
        "W 5 × 2 as one vector");
    BOOST_TEST(skipped == 2);
    check_block(
        "oh_dW", smooth, Block::W, [](const oh::Gradients& g) { return flat(g.dW); },
        "W 5 × 2 as one vector");
}

BOOST_AUTO_TEST_CASE(gradient_b1, *utf::label("oh_db1"))
{
    const long skipped = check_block(
        "oh_db1", kinked, Block::b1, [](const oh::Gradients& g) { return g.db1; },
        "b1 = " + show(kinked.b1));
    BOOST_TEST(skipped == 1);
    check_block(
        "oh_db1", smooth, Block::b1, [](const oh::Gradients& g) { return g.db1; },
        "b1 = " + show(smooth.b1));
}

BOOST_AUTO_TEST_CASE(gradient_x, *utf::label("oh_dx"))
{
    const long skipped = check_block(
        "oh_dx", smooth, Block::input, [](const oh::Gradients& g) { return g.dx; },
        "x the variable");
    BOOST_TEST(skipped == 0);
}

BOOST_AUTO_TEST_CASE(gradient_x_on_the_kink, *utf::label("oh_dx_kink"))
{
    // Every x_k feeds z_2: on its kink every coordinate of x straddles it, and the
    // checker refuses to judge.
    CheckOptions options;
    options.kink_pattern = pattern_of(kinked, Block::input);
    const CheckResult r =
        gradcheck::check_gradient("oh_dx_kink", loss_of(kinked, Block::input), x,
                                  oh::gradients(kinked, x, y).dx, central, options);
    BOOST_TEST(r.skipped == 2);
    verification::expect_verdict(r, Verdict::too_many_kinks, where(kinked),
                                 "x feeds z₂ = 0 through both its entries: both "
                                 "coordinates straddle the kink, too many to skip");
}

BOOST_AUTO_TEST_CASE(backward_pass, *utf::label("oh_backward"))
{
    // All parameters at once, [W, b1, U, b2]: 10 + 5 + 15 + 3 = 33 coordinates.
    const core::Layout layout = oh::layout_of(kinked);
    const auto J = [layout](const auto& p) {
        using T = gradcheck::scalar_of<decltype(p)>;
        return oh::loss<T>(oh::unflatten<T>(layout, p), x.cast<T>(), y);
    };
    const auto hand = [layout](const Vector& p) {
        const oh::Gradients g = oh::gradients(oh::unflatten<double>(layout, p), x, y);
        return Vector(core::flatten(layout, g.dW, g.db1, g.dU, g.db2));
    };
    CheckOptions options;
    options.kink_pattern = [layout](const Vector& p) {
        return mask(oh::forward(oh::unflatten<double>(layout, p), x).z);
    };
    const Vector p = oh::flatten(kinked);
    for (Oracle oracle : all_oracles) {
        CheckResult r =
            gradcheck::check_gradient("oh_backward", J, p, hand(p), oracle, options);
        r.where = layout.entry(r.comparison.col).to_string();
        BOOST_TEST(r.skipped == 3); // W(2,0), W(2,1), b1(2)
        verification::expect_verified(r,
                                      "[W, b1, U, b2], 33 entries; " + where(kinked));
    }
}

BOOST_AUTO_TEST_CASE(engine_as_fourth_oracle, *utf::label("oh_engine"))
{
    // Chapter 4's engine against the hand-derived backward pass, all 33 parameters,
    // on the kink (both take ReLU'(0) = 0) and off it. The two sum the same products
    // in different orders, so they differ by round-off: a few ulps of the largest
    // term, and the gradients here are of order 1.
    double worst = 0.0;
    for (const Network& n : {kinked, smooth}) {
        const oh::Gradients g = oh::gradients(n, x, y);
        const Vector hand = core::flatten(oh::layout_of(n), g.dW, g.db1, g.dU, g.db2);
        const Vector engine = oh::engine_gradient(n, x, y);
        BOOST_TEST(engine.size() == hand.size());
        worst = std::max(worst, (engine - hand).cwiseAbs().maxCoeff());
    }
    verification::expect_within("oh_engine",
                                "max |engine − hand| over [W, b1, U, b2], on and off "
                                "the kink",
                                worst, 8 * std::numeric_limits<double>::epsilon());
}

// ---------------------------------------------------------------------------
// The batch
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(batch_gradients, *utf::label("oh_batch"))
{
    Matrix X(2, 4);           // four samples, one per column
    X << 0.5, -0.3, 1.1, 0.2, //
        -0.25, 0.8, 0.4, -0.9;
    Matrix Y = Matrix::Zero(3, 4);
    Y(1, 0) = Y(0, 1) = Y(2, 2) = Y(1, 3) = 1.0;
    const core::Layout layout = oh::layout_of(smooth);
    const auto J = [layout, X, Y](const auto& p) {
        using T = gradcheck::scalar_of<decltype(p)>;
        return oh::batch_loss<T>(oh::unflatten<T>(layout, p), X.cast<T>(), Y);
    };
    const auto hand = [layout, X, Y](const Vector& p) {
        const oh::BatchGradients g =
            oh::batch_gradients(oh::unflatten<double>(layout, p), X, Y);
        return Vector(core::flatten(layout, g.dW, g.db1, g.dU, g.db2));
    };
    CheckOptions options;
    options.kink_pattern = [layout, X](const Vector& p) {
        const Network n = oh::unflatten<double>(layout, p);
        std::vector<long> m;
        for (Eigen::Index b = 0; b < X.cols(); ++b)
            for (long k : mask(oh::forward(n, X.col(b)).z))
                m.push_back(k);
        return m;
    };
    const Vector p = oh::flatten(smooth);
    for (Oracle oracle : all_oracles) {
        CheckResult r =
            gradcheck::check_gradient("oh_batch", J, p, hand(p), oracle, options);
        r.where = layout.entry(r.comparison.col).to_string();
        BOOST_TEST(r.skipped == 0);
        verification::expect_verified(r,
                                      "[W, b1, U, b2], 33 entries; B = 4, J the mean");
    }
}

// ---------------------------------------------------------------------------
// Source 000 read literally
// ---------------------------------------------------------------------------

// [oh_errata_b1]
BOOST_AUTO_TEST_CASE(literal_db1_is_rejected, *utf::label("oh_errata_b1"))
{
    verification::expect_gradient_rejected(
        "oh_errata_b1",
        "000's ∂J/∂b1 = δ₂ ∂z/∂b2: z does not depend on b2, so it is zero",
        loss_of(smooth, Block::b1),
        [](const Vector& b1) {
            Network n = smooth;
            n.b1 = b1;
            const oh::Forward f = oh::forward(n, x);
            return oh::literal_db1(oh::delta2_of(n.U, oh::delta1_of(f.theta, y), f.z));
        },
        at(smooth.b1, "b1 = " + show(smooth.b1) + "; " + where(smooth)),
        {central, autodiff});
}
// [oh_errata_b1]

// [oh_errata_layout]
BOOST_AUTO_TEST_CASE(literal_delta2_denominator_is_rejected,
                     *utf::label("oh_errata_layout"))
{
    // Nc = Dh = 3: U delta1 has the shape of U^T delta1, and other entries.
    Network n;
    n.W = smooth.W.topRows(3);
    n.b1 = smooth.b1.head(3);
    n.U = smooth.U.leftCols(3);
    n.b2 = smooth.b2;
    const oh::Forward f = oh::forward(n, x);
    const Vector delta1 = oh::delta1_of(f.theta, y);
    verification::expect_gradient_rejected(
        "oh_errata_layout",
        "000's δ₁U ∘ ReLU′(z) with δ₁ a column, as U δ₁: its shape agrees for a "
        "square U, its entries are not those of Uᵀ δ₁",
        [n](const auto& z) { return oh::loss_of_z(n, z, y); },
        [n, delta1](const Vector& z) {
            return oh::literal_delta2_denominator(delta1, n.U, z);
        },
        at(f.z, "U 3 × 3; z = " + show(f.z)), {central, autodiff});
    BOOST_CHECK_THROW(
        oh::literal_delta2_denominator(delta1, smooth.U, oh::forward(smooth, x).z),
        std::invalid_argument);
}
// [oh_errata_layout]

// ---------------------------------------------------------------------------
// Exercises
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(exercise_leaky, *utf::label("oh_ex_leaky"))
{
    const double a = 0.125;
    const oh::Forward f = oh::forward(smooth, x);
    const Vector z = f.z;
    const auto J_z = [a](const auto& v) {
        return oh::leaky_loss_of_z(smooth, v, y, a);
    };
    const auto hand = [a](const Vector& v) {
        Vector h(v.size());
        for (Eigen::Index j = 0; j < v.size(); ++j)
            h(j) = oh::leaky_relu(v(j), a);
        const Vector theta = smooth.U * h + smooth.b2;
        return oh::delta2_leaky(smooth.U, oh::delta1_of(theta, y), v, a);
    };
    verification::expect_gradient_verified(
        "oh_ex_leaky", J_z, hand, at(z, "z = " + show(z) + ", a = 0.125"), all_oracles);
}

BOOST_AUTO_TEST_CASE(exercise_decay, *utf::label("oh_ex_decay"))
{
    const double lambda = 0.01;
    const core::Layout layout = oh::layout_of(smooth);
    const auto J = [layout, lambda](const auto& p) {
        using T = gradcheck::scalar_of<decltype(p)>;
        return oh::decayed_loss<T>(oh::unflatten<T>(layout, p), x.cast<T>(), y, lambda);
    };
    const auto hand = [layout, lambda](const Vector& p) {
        const oh::Gradients g =
            oh::decayed_gradients(oh::unflatten<double>(layout, p), x, y, lambda);
        return Vector(core::flatten(layout, g.dW, g.db1, g.dU, g.db2));
    };
    verification::expect_gradient_verified(
        "oh_ex_decay", J, hand,
        at(oh::flatten(smooth), "[W, b1, U, b2], λ = 0.01; " + where(smooth)),
        all_oracles);
}

BOOST_AUTO_TEST_CASE(exercise_deep, *utf::label("oh_ex_deep"))
{
    // A second hidden layer of 5 units between z1 and theta; its unit 2 is off where
    // unit 2 of the first layer is on, so each ReLU' must be taken at its own layer.
    Matrix V(5, 5);
    V << 0.6, -0.3, 0.8, 0.1, -0.5, //
        -0.4, 0.9, 0.2, -0.7, 0.3,  //
        0.5, 0.4, -0.6, 0.2, 0.7,   //
        -0.2, 0.1, 0.5, 0.9, -0.8,  //
        0.3, -0.6, 0.4, -0.1, 0.6;
    const Vector c =
        vec({0.1, 0.2, -0.9, 0.3, 0.05}); // z2 = [0.61, −0.29, −0.24, 0.28, 0.51]
    const Vector z1 = oh::forward(smooth, x).z;
    verification::expect_gradient_verified(
        "oh_ex_deep",
        [V, c](const auto& v) { return oh::deep_loss_of_z1(smooth, V, c, v, y); },
        [V, c](const Vector& v) { return oh::delta_z1(smooth, V, c, v, y); },
        at(z1, "z1 = " + show(z1) + "; V 5 × 5, c = " + show(c)), all_oracles);
}

// ---------------------------------------------------------------------------
// Bad input
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(mismatched_shapes)
{
    Network n = smooth;
    n.b1 = vec({1.0, 2.0});
    BOOST_CHECK_THROW(oh::loss<double>(n, x, y), std::invalid_argument);
    BOOST_CHECK_THROW(oh::forward(n, x), std::invalid_argument);
    BOOST_CHECK_THROW(oh::loss<double>(smooth, vec({1.0, 2.0, 3.0}), y),
                      std::invalid_argument);
    BOOST_CHECK_THROW(
        oh::batch_loss<double>(smooth, Matrix::Zero(2, 3), Matrix::Zero(3, 2)),
        std::invalid_argument);
}
