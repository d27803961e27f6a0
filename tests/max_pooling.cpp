// Tests of the chapter "Max pooling": the forward passes against a second code that
// pads each plane explicitly; the gradient of max pooling (the switches) and of
// average pooling against three oracles, with and without overlap, padding,
// channels and a batch; the tie rule, and what the oracles can and cannot say at a
// tie; non-finite input and bad sizes; and the exercises.
#define BOOST_TEST_MODULE max_pooling
#include "support/verification.hpp"

#include "common/random.hpp"
#include "max_pooling/exercises.hpp"
#include "max_pooling/max_pooling.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace utf = boost::unit_test;
namespace mp = max_pooling;
using gradcheck::Oracle;
using mp::Axis;
using mp::Pooling;
using mp::Shape;
using mp::Vector;
using verification::at;

namespace {

constexpr Oracle central = Oracle::central_difference;
constexpr Oracle complex_step = Oracle::complex_step;
constexpr Oracle autodiff = Oracle::autodiff;
const std::vector<Oracle> all_oracles = {central, complex_step, autodiff};

/// A pooling layer, its input, the weights g of the probe loss L = sum_o g_o y_o,
/// and the case in words.
struct Case {
    Pooling P;
    Vector x;
    Vector g;
    std::string where;
};

Case make_case(const std::string& name, const Shape& in, const Axis& rows,
               const Axis& cols, std::uint64_t seed, double low = -1.0,
               double high = 1.0)
{
    std::mt19937_64 rng(seed);
    const Pooling P = mp::make_pooling("make_case", in, rows, cols);
    Vector x = book::random_vector(rng, in.size(), low, high);
    Vector g = book::random_vector(rng, P.out.size(), -1.0, 1.0);
    const std::string shape = std::to_string(in.N) + "×" + std::to_string(in.C) + "×" +
                              std::to_string(in.H) + "×" + std::to_string(in.W);
    return {P, x, g,
            name + ": x " + shape + " uniform in " +
                verification::show((Vector(2) << low, high).finished()) + ", seed " +
                std::to_string(seed)};
}

/// The cases of the gradient checks: no overlap, overlap, padding, a batch of
/// several channels, and a rectangular window.
std::vector<Case> cases()
{
    return {
        make_case("k = s = 2, no overlap", {1, 1, 6, 6}, {2, 2, 0}, {2, 2, 0}, 1),
        make_case("k = 3, s = 2, overlap", {1, 1, 7, 7}, {3, 2, 0}, {3, 2, 0}, 2),
        make_case("k = 3, s = 2, p = 1", {1, 1, 6, 6}, {3, 2, 1}, {3, 2, 1}, 3),
        make_case("N = 2, C = 3, k = 3, s = 2, p = 1", {2, 3, 5, 6}, {3, 2, 1},
                  {3, 2, 1}, 4),
        make_case("k 2×3, s 1×2, p 1×1", {1, 2, 5, 7}, {2, 1, 1}, {3, 2, 1}, 5),
    };
}

/// L = sum_o g_o y_o of max pooling, for any scalar.
auto max_loss(const Case& c)
{
    return [P = c.P, g = c.g](const auto& x) -> gradcheck::scalar_of<decltype(x)> {
        using T = gradcheck::scalar_of<decltype(x)>;
        const mp::VectorT<T> y = mp::max_pool<T>(P, mp::VectorT<T>(x)).y;
        T L(0.0);
        for (Eigen::Index o = 0; o < y.size(); ++o) {
            const T term = y(o) * g(o);
            L += term;
        }
        return L;
    };
}

/// L = sum_o g_o y_o of average pooling.
auto average_loss(const Case& c)
{
    return [P = c.P, g = c.g](const auto& x) -> gradcheck::scalar_of<decltype(x)> {
        using T = gradcheck::scalar_of<decltype(x)>;
        const mp::VectorT<T> y = mp::average_pool<T>(P, mp::VectorT<T>(x));
        T L(0.0);
        for (Eigen::Index o = 0; o < y.size(); ++o) {
            const T term = y(o) * g(o);
            L += term;
        }
        return L;
    };
}

/// The hand gradient of max_loss: the switches route g.
auto max_gradient(const Case& c)
{
    return [c](const Vector& x) {
        return mp::max_pool_backward(c.P, mp::max_pool<double>(c.P, x).switches, c.g);
    };
}

gradcheck::CheckOptions with_switches(const Pooling& P)
{
    gradcheck::CheckOptions options;
    options.kink_pattern = [P](const Vector& x) { return mp::switches_of(P, x); };
    return options;
}

/// A second code for the forward passes: each plane copied into a matrix padded with
/// `pad` on every side, each window a block of it.
Vector pooled_by_blocks(const Pooling& P, const Vector& x, double pad, bool average)
{
    const Eigen::Index ph = P.rows.padding;
    const Eigen::Index pw = P.cols.padding;
    const Eigen::Index kh = P.rows.kernel;
    const Eigen::Index kw = P.cols.kernel;
    Vector y(P.out.size());
    for (Eigen::Index n = 0; n < P.in.N; ++n)
        for (Eigen::Index c = 0; c < P.in.C; ++c) {
            Eigen::MatrixXd padded =
                Eigen::MatrixXd::Constant(P.in.H + 2 * ph, P.in.W + 2 * pw, pad);
            for (Eigen::Index r = 0; r < P.in.H; ++r)
                for (Eigen::Index q = 0; q < P.in.W; ++q)
                    padded(r + ph, q + pw) = x(P.in.at(n, c, r, q));
            for (Eigen::Index i = 0; i < P.out.H; ++i)
                for (Eigen::Index j = 0; j < P.out.W; ++j) {
                    const auto block =
                        padded.block(i * P.rows.stride, j * P.cols.stride, kh, kw);
                    y(P.out.at(n, c, i, j)) =
                        average ? block.sum() / static_cast<double>(kh * kw)
                                : block.maxCoeff();
                }
        }
    return y;
}

/// How many inputs are the switch of two windows or more.
long shared_switches(const Pooling& P, const Vector& x)
{
    std::vector<int> count(static_cast<std::size_t>(P.in.size()), 0);
    for (Eigen::Index s : mp::max_pool<double>(P, x).switches)
        ++count[static_cast<std::size_t>(s)];
    long shared = 0;
    for (int k : count)
        shared += k > 1 ? 1 : 0;
    return shared;
}

const double infinity = std::numeric_limits<double>::infinity();

} // namespace

// ---------------------------------------------------------------------------
// The forward passes
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(forward_by_blocks, *utf::label("mp_forward"))
{
    for (const Case& c : cases()) {
        const Vector y = mp::max_pool<double>(c.P, c.x).y;
        const Vector reference = pooled_by_blocks(c.P, c.x, -infinity, false);
        verification::expect_within(
            "mp_forward", "max |y by windows − y by padded blocks|, " + c.where,
            (y - reference).cwiseAbs().maxCoeff(), 0.0);
    }
}

BOOST_AUTO_TEST_CASE(non_finite_input, *utf::label("mp_forward"))
{
    // A NaN loses every comparison: kept, it would vanish from the output. Refused.
    const Case c = cases()[1];
    for (const double bad : {std::nan(""), infinity, -infinity}) {
        Vector x = c.x;
        x(10) = bad;
        BOOST_CHECK_THROW(mp::max_pool<double>(c.P, x), std::domain_error);
        BOOST_CHECK_THROW(mp::average_pool<double>(c.P, x), std::domain_error);
    }
}

BOOST_AUTO_TEST_CASE(padding_is_minus_infinity, *utf::label("mp_padding"))
{
    // Every input negative: a window on the padding must take its largest input,
    // not a padding 0, and route the gradient to it. Of each channel's 2 x 3
    // windows, all but the middle one of the second row hold padding.
    const Case c = make_case("k = 3, s = 2, p = 1", {1, 2, 4, 5}, {3, 2, 1}, {3, 2, 1},
                             6, -2.0, -1.0);
    const mp::PooledT<double> m = mp::max_pool<double>(c.P, c.x);
    const Vector reference = pooled_by_blocks(c.P, c.x, -infinity, false);
    verification::expect_within("mp_padding",
                                "max |y − max of the window's inputs|, " + c.where,
                                (m.y - reference).cwiseAbs().maxCoeff(), 0.0);
    verification::expect_gradient_verified(
        "mp_padding", max_loss(c), max_gradient(c),
        at(c.x,
           "every input negative, 10 of the 12 windows on the padding; " + c.where),
        all_oracles, with_switches(c.P));
}

BOOST_AUTO_TEST_CASE(bad_sizes, *utf::label("mp_sizes"))
{
    // Wider than the input, stride 0, negative padding, and twice 2 p > k.
    const Shape in{1, 1, 4, 4};
    const std::vector<Axis> bad = {
        {5, 1, 0}, {3, 0, 0}, {3, 1, -1}, {3, 1, 2}, {2, 2, 2}};
    for (const Axis& a : bad)
        BOOST_CHECK_THROW(mp::make_pooling("pool", in, a), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(bad_batch_and_input, *utf::label("mp_sizes"))
{
    const Shape in{1, 1, 4, 4};
    BOOST_CHECK_THROW(mp::make_pooling("pool", {0, 1, 4, 4}, {2, 2, 0}),
                      std::invalid_argument);
    const Pooling P = mp::make_pooling("pool", in, {2, 2, 1}); // 2 p = k is allowed
    BOOST_TEST(P.out.H == 3);
    BOOST_CHECK_THROW(mp::max_pool<double>(P, Vector::Zero(15)), std::invalid_argument);
}

// ---------------------------------------------------------------------------
// The gradient of max pooling: the switches
// ---------------------------------------------------------------------------

// [mp_test_backward]
BOOST_AUTO_TEST_CASE(backward, *utf::label("mp_backward"))
{
    for (const Case& c : cases())
        verification::expect_gradient_verified("mp_backward", max_loss(c),
                                               max_gradient(c), at(c.x, c.where),
                                               all_oracles, with_switches(c.P));
}
// [mp_test_backward]

BOOST_AUTO_TEST_CASE(overlapping_windows_add, *utf::label("mp_backward"))
{
    // k = 3, s = 2: inputs that are the maximum of two windows, whose gradients must
    // add; a case that had none would not test the +=.
    const Case c = cases()[1];
    const long shared = shared_switches(c.P, c.x);
    BOOST_TEST(shared > 0);
    verification::quote("mp_shared_switches", static_cast<double>(shared), "%.0f");
    verification::quote("mp_overlap_inputs", static_cast<double>(c.P.in.size()),
                        "%.0f");
}

BOOST_AUTO_TEST_CASE(overwriting_is_rejected, *utf::label("mp_overwrite"))
{
    const Case c = cases()[1];
    const auto overwrite = [c](const Vector& x) {
        const std::vector<Eigen::Index> s = mp::max_pool<double>(c.P, x).switches;
        Vector dx = Vector::Zero(x.size());
        for (Eigen::Index o = 0; o < c.P.out.size(); ++o)
            dx(s[static_cast<std::size_t>(o)]) = c.g(o); // = where += is meant
        return dx;
    };
    verification::expect_gradient_rejected(
        "mp_overwrite",
        "each window assigns its gradient to its switch: where two windows share one, "
        "the second overwrites the first instead of adding to it",
        max_loss(c), overwrite, at(c.x, c.where), {central, autodiff},
        with_switches(c.P));
}

// ---------------------------------------------------------------------------
// Ties
// ---------------------------------------------------------------------------

namespace {

/// 1×1×4×4, k = s = 2: window 0 ties along its first row, window 1 down its first
/// column, window 2 is four equal entries, window 3 has one maximum.
Case tie_case()
{
    Case c = make_case("ties", {1, 1, 4, 4}, {2, 2, 0}, {2, 2, 0}, 7);
    c.x << 0.5, 0.5, 0.25, -0.5,  //
        0.125, -0.25, 0.25, 0.0,  //
        -0.75, -0.75, 0.375, 0.0, //
        -0.75, -0.75, 0.25, 0.75;
    c.where = "x 4×4 with tied maxima, k = s = 2";
    return c;
}

/// 1×1×8×8 at random, k = s = 2, with the first two windows made tied pairs: two
/// ties among 16 windows.
Case sparse_tie_case()
{
    Case c = make_case("two ties", {1, 1, 8, 8}, {2, 2, 0}, {2, 2, 0}, 8, -0.5, 0.5);
    c.x(0) = 0.75; // window 0: (0,0) and (0,1)
    c.x(1) = 0.75;
    c.x(2) = 0.875; // window 1: (0,2) and (1,2)
    c.x(10) = 0.875;
    c.where = "x 8×8 uniform in [−0.5, 0.5] with 2 tied pairs, k = s = 2";
    return c;
}

} // namespace

BOOST_AUTO_TEST_CASE(tie_rule, *utf::label("mp_tie"))
{
    // The first maximum in row-major window order: entries 0, 2, 8 and 15.
    const Case c = tie_case();
    const std::vector<Eigen::Index> s = mp::max_pool<double>(c.P, c.x).switches;
    const std::vector<Eigen::Index> first = {0, 2, 8, 15};
    double worst = 0.0;
    for (std::size_t o = 0; o < first.size(); ++o)
        worst = std::max(worst, std::abs(static_cast<double>(s[o] - first[o])));
    verification::expect_within(
        "mp_tie", "max |switch − first maximum in row-major order|, " + c.where, worst,
        0.0);
}

BOOST_AUTO_TEST_CASE(oracles_at_a_tie, *utf::label("mp_tie"))
{
    const Case c = tie_case();
    const auto L = max_loss(c);
    const Vector hand = max_gradient(c)(c.x);
    // The central difference gives each tied entry half of g, whatever the rule:
    // x_i + h wins the window, x_i - h loses it.
    const Vector cd = gradcheck::numerical_jacobian(central, L, c.x).transpose();
    const std::vector<std::pair<Eigen::Index, Eigen::Index>> tied = {
        {0, 0}, {1, 0}, {2, 1}, {6, 1}, {8, 2}, {9, 2}, {12, 2}, {13, 2}};
    double worst = 0.0;
    for (const auto& [i, o] : tied)
        worst = std::max(worst, std::abs(cd(i) - 0.5 * c.g(o)));
    verification::expect_within(
        "mp_tie", "max |central difference − g/2| over the 8 tied entries", worst,
        1e-8);
    // The complex step and autodiff take the branch the code's own comparison takes:
    // the whole g to the first maximum, whatever that rule is.
    for (const Oracle oracle : {complex_step, autodiff}) {
        const Vector d = gradcheck::numerical_jacobian(oracle, L, c.x).transpose();
        verification::expect_within("mp_tie",
                                    std::string("max |") + gradcheck::name(oracle) +
                                        " − the code's own routing| at the ties",
                                    (d - hand).cwiseAbs().maxCoeff(), 1e-13);
    }
}

BOOST_AUTO_TEST_CASE(kinks_skipped, *utf::label("mp_kinks"))
{
    // With the switches as the kink pattern, every tied entry straddles a kink (a
    // step either way changes a switch): each is skipped and counted.
    const Case c = sparse_tie_case();
    const Vector hand = max_gradient(c)(c.x);
    Eigen::Index skipped = 0;
    for (const Oracle oracle : all_oracles) {
        const gradcheck::CheckResult r = gradcheck::check_gradient(
            "mp_kinks", max_loss(c), c.x, hand, oracle, with_switches(c.P));
        BOOST_TEST(r.skipped == 4); // the two entries of each of the two ties
        verification::expect_verified(r, c.where);
        skipped = r.skipped;
    }
    verification::quote("mp_kinks_skipped", static_cast<double>(skipped), "%.0f");
}

BOOST_AUTO_TEST_CASE(ties_without_pattern, *utf::label("mp_tie_without_pattern"))
{
    const Case c = sparse_tie_case();
    verification::expect_gradient_rejected(
        "mp_tie_without_pattern",
        "the book's gradient (first maximum) checked without the kink pattern: at a "
        "tie the central difference measures g/2 for each tied entry, no rule's value",
        max_loss(c), max_gradient(c), at(c.x, c.where), {central});
}

// ---------------------------------------------------------------------------
// Average pooling
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(average, *utf::label("mp_average"))
{
    for (const Case& c : cases()) {
        const Vector y = mp::average_pool<double>(c.P, c.x);
        const Vector reference = pooled_by_blocks(c.P, c.x, 0.0, true);
        verification::expect_within(
            "mp_average", "max |y by windows − y by zero-padded blocks|, " + c.where,
            (y - reference).cwiseAbs().maxCoeff(), 8.0 * 0x1.0p-52);
    }
}

BOOST_AUTO_TEST_CASE(average_backward, *utf::label("mp_average_backward"))
{
    for (const Case& c : cases())
        verification::expect_gradient_verified(
            "mp_average_backward", average_loss(c),
            [c](const Vector&) { return mp::average_pool_backward(c.P, c.g); },
            at(c.x, c.where), all_oracles);
}

// ---------------------------------------------------------------------------
// The exercises
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(exercise_global, *utf::label("mp_ex_global"))
{
    // Global max pooling is max pooling with the window the size of the image.
    Case c = make_case("global", {2, 3, 4, 5}, {4, 1, 0}, {5, 1, 0}, 9);
    c.x(19) = 1.5; // the first plane's maximum at its last entry
    verification::expect_gradient_verified(
        "mp_ex_global", max_loss(c),
        [c](const Vector& x) {
            return mp::exercises::global_max_pool_backward(c.P.in, x, c.g);
        },
        at(c.x, "global max pooling, x(0,0,3,4) = 1.5; " + c.where), all_oracles,
        with_switches(c.P));
}

BOOST_AUTO_TEST_CASE(exercise_commute, *utf::label("mp_ex_commute"))
{
    // Mostly negative inputs: some windows have a negative maximum, where ReLU' = 0.
    const Case c =
        make_case("k = 3, s = 2", {1, 2, 7, 7}, {3, 2, 0}, {3, 2, 0}, 10, -1.0, 0.2);
    const Vector y = mp::max_pool<double>(c.P, c.x).y;
    BOOST_TEST((y.array() < 0.0).count() > 0);
    const auto weighted = [g = c.g](const auto& y_of_x) {
        using T = typename std::decay_t<decltype(y_of_x)>::Scalar;
        T L(0.0);
        for (Eigen::Index o = 0; o < y_of_x.size(); ++o) {
            const T term = y_of_x(o) * g(o);
            L += term;
        }
        return L;
    };
    const auto pool_relu = [P = c.P, weighted](const auto& x) {
        using T = gradcheck::scalar_of<decltype(x)>;
        const mp::VectorT<T> m = mp::max_pool<T>(P, mp::VectorT<T>(x)).y;
        return weighted(one_hidden_layer::relu<T>(m));
    };
    const auto relu_pool = [P = c.P, weighted](const auto& x) {
        using T = gradcheck::scalar_of<decltype(x)>;
        const mp::VectorT<T> h = one_hidden_layer::relu<T>(mp::VectorT<T>(x));
        return weighted(mp::max_pool<T>(P, h).y);
    };
    const std::string where = "windows with a negative maximum: " +
                              std::to_string((y.array() < 0.0).count()) + "; " +
                              c.where;
    verification::expect_gradient_verified(
        "mp_ex_commute", pool_relu,
        [c](const Vector& x) {
            return mp::exercises::pool_then_relu_backward(c.P, x, c.g);
        },
        at(c.x, "ReLU(maxpool(x)); " + where), all_oracles, with_switches(c.P));
    verification::expect_gradient_verified(
        "mp_ex_commute", relu_pool,
        [c](const Vector& x) {
            return mp::exercises::relu_then_pool_backward(c.P, x, c.g);
        },
        at(c.x, "maxpool(ReLU(x)); " + where), all_oracles, with_switches(c.P));
    const Vector a = mp::exercises::pool_then_relu_backward(c.P, c.x, c.g);
    const Vector b = mp::exercises::relu_then_pool_backward(c.P, c.x, c.g);
    verification::expect_within("mp_ex_commute",
                                "max |gradient of ReLU∘pool − gradient of pool∘ReLU|",
                                (a - b).cwiseAbs().maxCoeff(), 0.0);
}

BOOST_AUTO_TEST_CASE(exercise_softmax, *utf::label("mp_ex_softmax"))
{
    // The 2 × 3 × 3 pooled outputs are the logits of 18 classes; class 4 is right.
    const Case c =
        make_case("k = 3, s = 2, p = 1", {1, 2, 6, 6}, {3, 2, 1}, {3, 2, 1}, 11);
    Vector y = Vector::Zero(c.P.out.size());
    y(4) = 1.0;
    const auto J = [P = c.P, y](const auto& x) -> gradcheck::scalar_of<decltype(x)> {
        using T = gradcheck::scalar_of<decltype(x)>;
        const mp::VectorT<T> theta = mp::max_pool<T>(P, mp::VectorT<T>(x)).y;
        return softmax_cross_entropy::cross_entropy<T>(theta, y);
    };
    verification::expect_gradient_verified(
        "mp_ex_softmax", J,
        [c, y](const Vector& x) { return mp::exercises::dJ_dx_pooled(c.P, x, y); },
        at(c.x, "J = CE(y, softmax(maxpool(x))), one-hot y; " + c.where), all_oracles,
        with_switches(c.P));
}
