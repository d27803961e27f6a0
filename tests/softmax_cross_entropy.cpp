// Tests of the chapter "Softmax and cross-entropy": every hand-derived formula
// against at least two numerical oracles, the numerically stable forward pass at
// extreme logits, the edge cases, and the sources' slips as negative controls.
#define BOOST_TEST_MODULE softmax_cross_entropy
#include "support/vec.hpp"
#include "support/verification.hpp"

#include "softmax_cross_entropy/exercises.hpp"
#include "softmax_cross_entropy/softmax_cross_entropy.hpp"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace utf = boost::unit_test;
using gradcheck::Oracle;
using softmax_cross_entropy::Matrix;
using softmax_cross_entropy::MatrixT;
using softmax_cross_entropy::Vector;
using softmax_cross_entropy::VectorT;
using verification::at;
using verification::show;

namespace {

constexpr Oracle central = Oracle::central_difference;
constexpr Oracle complex_step = Oracle::complex_step;
constexpr Oracle autodiff = Oracle::autodiff;

/// The test point: five logits, a one-hot label and a soft label (both sum to one).
const Vector theta = vec({0.3, -1.2, 2.1, 0.5, -0.7});
const Vector y_onehot = vec({0.0, 0.0, 0.0, 1.0, 0.0});
const Vector y_soft = vec({0.1, 0.2, 0.05, 0.6, 0.05});

/// The maps the oracles differentiate: generic lambdas, called with double,
/// complex and dual vectors.
const auto softmax_map = [](const auto& x) {
    return softmax_cross_entropy::softmax(x);
};
const auto log_softmax_map = [](const auto& x) {
    return softmax_cross_entropy::log_softmax(x);
};

/// J(theta) for the fixed label y.
auto loss_for(const Vector& y)
{
    return [y](const auto& x) { return softmax_cross_entropy::cross_entropy(x, y); };
}

/// The hand-derived formula(theta, y) for the fixed label y: the other side of a
/// check of loss_for(y).
auto gradient_for(Vector (*formula)(const Vector&, const Vector&), const Vector& y)
{
    return [formula, y](const Vector& t) { return formula(t, y); };
}

/// The test point and labels as a box under a formula states them.
std::string theta_and(const Vector& y)
{
    return "θ = " + show(theta) + "; y = " + show(y);
}

double max_abs(const Matrix& m)
{
    // Infinite when an entry is NaN or infinite: Eigen's maxCoeff would skip a NaN.
    return m.allFinite() ? m.cwiseAbs().maxCoeff()
                         : std::numeric_limits<double>::infinity();
}

bool has_non_finite(const Vector& v)
{
    return !v.allFinite();
}

std::string as_text(const Vector& v)
{
    std::string text = "[";
    for (Eigen::Index k = 0; k < v.size(); ++k)
        text += (k > 0 ? ", " : "") +
                (std::isnan(v(k)) ? "NaN" : gradcheck::format_number(v(k)));
    return text + "]";
}

} // namespace

// ---------------------------------------------------------------------------
// The definitions, each against a second computation of the same value
// ---------------------------------------------------------------------------

/// ln softmax(z)_c computed apart from the chapter's code: in long double, directly.
double log_softmax_reference(const Vector& z, Eigen::Index c)
{
    long double sum = 0.0L;
    for (Eigen::Index j = 0; j < z.size(); ++j)
        sum += std::exp(static_cast<long double>(z(j)));
    return static_cast<double>(static_cast<long double>(z(c)) - std::log(sum));
}

BOOST_AUTO_TEST_CASE(cross_entropy_of_a_one_hot_label,
                     *utf::label("smce_cross_entropy"))
{
    // For a one-hot label of class c, J = -ln y_hat_c: the log of the softmax's output,
    // against the chapter's log-softmax route.
    double error = 0.0;
    for (Eigen::Index c = 0; c < theta.size(); ++c) {
        const Vector y = Vector::Unit(theta.size(), c);
        const double J = softmax_cross_entropy::cross_entropy(theta, y);
        error = std::max(
            error, std::abs(J + std::log(softmax_cross_entropy::softmax(theta)(c))) /
                       std::abs(J));
    }
    verification::expect_within("smce_cross_entropy",
                                "max relative |J + ln y_hat_c|, one-hot y", error,
                                8 * gradcheck::machine_epsilon);
}

BOOST_AUTO_TEST_CASE(log_likelihood_of_a_one_hot_label, *utf::label("smce_lnP"))
{
    double error = 0.0;
    for (Eigen::Index c = 0; c < theta.size(); ++c) {
        const double reference = log_softmax_reference(theta, c);
        error = std::max(error, std::abs(softmax_cross_entropy::log_likelihood(
                                             theta, Vector::Unit(theta.size(), c)) -
                                         reference) /
                                    std::abs(reference));
    }
    verification::expect_within("smce_lnP",
                                "max relative error against long double, one-hot c",
                                error, 8 * gradcheck::machine_epsilon);
}

BOOST_AUTO_TEST_CASE(batch_is_the_mean, *utf::label("smce_batch"))
{
    // B copies of one sample have that sample's loss; two samples, the mean of theirs.
    const Matrix copies = theta.replicate(1, 4);
    const double J = softmax_cross_entropy::cross_entropy(theta, y_onehot);
    const double copies_error =
        std::abs(softmax_cross_entropy::batch_cross_entropy<double>(
                     copies, y_onehot.replicate(1, 4)) -
                 J);
    Matrix Theta(theta.size(), 2);
    Theta << theta, theta.reverse();
    Matrix Y(theta.size(), 2);
    Y << y_onehot, y_soft;
    const double mean =
        (J + softmax_cross_entropy::cross_entropy<double>(theta.reverse(), y_soft)) / 2;
    const double pair_error =
        std::abs(softmax_cross_entropy::batch_cross_entropy<double>(Theta, Y) - mean);
    verification::expect_within("smce_batch", "max |J_batch - mean of the samples' J|",
                                std::max(copies_error, pair_error),
                                4 * gradcheck::machine_epsilon);
}

BOOST_AUTO_TEST_CASE(sigmoid_by_tanh, *utf::label("smce_sigmoid"))
{
    // 1 / (1 + e^-z) = (1 + tanh(z / 2)) / 2, a different route through the library.
    double error = 0.0;
    for (double z = -20.0; z <= 20.0; z += 0.125)
        error = std::max(error, std::abs(softmax_cross_entropy::sigmoid(z) -
                                         (1.0 + std::tanh(z / 2.0)) / 2.0));
    verification::expect_within("smce_sigmoid",
                                "max |sigmoid - (1 + tanh(z/2))/2|, z in [-20, 20]",
                                error, 2 * gradcheck::machine_epsilon);
}

// ---------------------------------------------------------------------------
// The softmax and its Jacobian
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(softmax_is_a_distribution, *utf::label("smce_softmax"))
{
    const Vector y_hat = softmax_cross_entropy::softmax(theta);
    BOOST_TEST((y_hat.array() > 0.0).all());
    verification::expect_within("smce_softmax", "|sum of y_hat - 1|",
                                std::abs(y_hat.sum() - 1.0),
                                4 * gradcheck::machine_epsilon);
    const double vs_naive = max_abs(
        (y_hat - softmax_cross_entropy::softmax_naive(theta)).cwiseQuotient(y_hat));
    verification::expect_within("smce_softmax",
                                "relative difference to the naive formula", vs_naive,
                                8 * gradcheck::machine_epsilon);
}

BOOST_AUTO_TEST_CASE(jacobian_by_cases, *utf::label("smce_jacobian_cases"))
{
    const auto by_cases = [](const Vector& t) {
        return softmax_cross_entropy::softmax_jacobian_by_cases(
            softmax_cross_entropy::softmax(t));
    };
    verification::expect_jacobian_verified("smce_jacobian_cases", softmax_map, by_cases,
                                           at(theta, "θ = " + show(theta)),
                                           {central, complex_step});
}

// [smce_jacobian]
BOOST_AUTO_TEST_CASE(jacobian_matrix_form, *utf::label("smce_jacobian"))
{
    const auto dy_hat_dtheta = [](const Vector& t) {
        return softmax_cross_entropy::softmax_jacobian(
            softmax_cross_entropy::softmax(t));
    };
    verification::expect_jacobian_verified("smce_jacobian", softmax_map, dy_hat_dtheta,
                                           at(theta, "θ = " + show(theta)),
                                           {central, complex_step, autodiff});
}
// [smce_jacobian]

// ---------------------------------------------------------------------------
// Cross-entropy and the gradient y_hat - y
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(cross_entropy_wrt_probabilities, *utf::label("smce_dJ_dyhat"))
{
    const Vector y_hat = softmax_cross_entropy::softmax(theta);
    const auto J_of_y_hat = [](const auto& p) {
        return softmax_cross_entropy::cross_entropy_of_probabilities(p, y_soft);
    };
    verification::expect_gradient_verified(
        "smce_dJ_dyhat", J_of_y_hat,
        gradient_for(softmax_cross_entropy::dJ_dy_hat, y_soft),
        at(y_hat, "ŷ = softmax(θ), θ = " + show(theta) + "; y = " + show(y_soft)),
        {central, complex_step});
}

BOOST_AUTO_TEST_CASE(chain_rule, *utf::label("smce_chain"))
{
    verification::expect_gradient_verified(
        "smce_chain", loss_for(y_soft),
        gradient_for(softmax_cross_entropy::dJ_dtheta_chain, y_soft),
        at(theta, theta_and(y_soft)), {central, autodiff});
}

BOOST_AUTO_TEST_CASE(case_split, *utf::label("smce_grad_cases"))
{
    const Vector y_partial = 0.9 * y_onehot; // the case split needs no sum(y) = 1
    for (const Vector& y : {y_soft, y_partial})
        verification::expect_gradient_verified(
            "smce_grad_cases", loss_for(y),
            gradient_for(softmax_cross_entropy::dJ_dtheta_case_split, y),
            at(theta, theta_and(y)), {central, complex_step});
}

// [smce_grad]
BOOST_AUTO_TEST_CASE(gradient_y_hat_minus_y, *utf::label("smce_grad"))
{
    for (const Vector& y : {y_onehot, y_soft}) // both sum to one
        verification::expect_gradient_verified(
            "smce_grad", loss_for(y), gradient_for(softmax_cross_entropy::dJ_dtheta, y),
            at(theta, theta_and(y)), {central, complex_step, autodiff});
}
// [smce_grad]

BOOST_AUTO_TEST_CASE(log_likelihood_gradient, *utf::label("smce_dlnP"))
{
    const auto lnP = [](const auto& z) {
        return softmax_cross_entropy::log_likelihood(z, y_onehot);
    };
    verification::expect_gradient_verified(
        "smce_dlnP", lnP, gradient_for(softmax_cross_entropy::dlnP_dtheta, y_onehot),
        at(theta, "θ = " + show(theta) + "; c = " + show(y_onehot)),
        {central, complex_step});
}

BOOST_AUTO_TEST_CASE(ascent_is_descent, *utf::label("smce_sign_relation"))
{
    // c - y_hat is exactly -(y_hat - c): IEEE subtraction is antisymmetric.
    const Vector ascent = softmax_cross_entropy::dlnP_dtheta(theta, y_onehot);
    const Vector descent = softmax_cross_entropy::dJ_dtheta(theta, y_onehot);
    verification::expect_within("smce_sign_relation",
                                "max |(c - y_hat) + (y_hat - c)|, bitwise",
                                max_abs(ascent + descent), 0.0);
}

// ---------------------------------------------------------------------------
// Labels that do not sum to one
// ---------------------------------------------------------------------------

// [smce_grad_general]
BOOST_AUTO_TEST_CASE(labels_not_summing_to_one, *utf::label("smce_grad_general"))
{
    const Vector y_partial = 0.9 * y_onehot; // label smoothing left half done: sum 0.9
    const Vector y_two = vec({0.0, 0.5, 0.3, 0.0, 0.0}); // partial labels: sum 0.8
    for (const Vector& y : {y_partial, y_two, y_soft})
        verification::expect_gradient_verified(
            "smce_grad_general", loss_for(y),
            gradient_for(softmax_cross_entropy::dJ_dtheta_general, y),
            at(theta, theta_and(y)), {central, complex_step});
}
// [smce_grad_general]

// [smce_grad_assumes_sum_one]
BOOST_AUTO_TEST_CASE(y_hat_minus_y_needs_sum_one,
                     *utf::label("smce_grad_assumes_sum_one"))
{
    const Vector y_partial = 0.9 * y_onehot;
    verification::expect_gradient_rejected(
        "smce_grad_assumes_sum_one",
        "ŷ − y for a label that sums to 0.9: wrong by ŷ (Σ y − 1)", loss_for(y_partial),
        gradient_for(softmax_cross_entropy::dJ_dtheta, y_partial),
        at(theta, theta_and(y_partial)), {central, complex_step});
}
// [smce_grad_assumes_sum_one]

// ---------------------------------------------------------------------------
// A batch, one sample per column
// ---------------------------------------------------------------------------

namespace {

/// The mean loss as a function of vec(Theta), column by column.
auto batch_loss_for(const Matrix& Y)
{
    return [Y](const auto& x) {
        using T = gradcheck::scalar_of<decltype(x)>;
        const MatrixT<T> Theta =
            Eigen::Map<const MatrixT<T>>(x.data(), Y.rows(), Y.cols());
        return softmax_cross_entropy::batch_cross_entropy<T>(Theta, Y);
    };
}

Vector flatten(const Matrix& m)
{
    return Eigen::Map<const Vector>(m.data(), m.size());
}

/// The hand-derived (1/B)(Y_hat - Y) as a function of vec(Theta), column by column.
auto batch_gradient_for(const Matrix& Y)
{
    return [Y](const Vector& x) {
        const Matrix Theta = Eigen::Map<const Matrix>(x.data(), Y.rows(), Y.cols());
        return flatten(softmax_cross_entropy::dJ_dTheta(Theta, Y));
    };
}

} // namespace

BOOST_AUTO_TEST_CASE(batch_mean, *utf::label("smce_batch_grad"))
{
    Matrix Theta(4, 3);
    Theta << 0.2, -1.0, 3.0, //
        1.5, 0.4, -0.3,      //
        -0.8, 2.2, 0.0,      //
        0.1, -0.6, 1.1;
    Matrix Y = Matrix::Zero(4, 3);
    Y(1, 0) = Y(3, 1) = Y(0, 2) = 1.0;
    verification::expect_gradient_verified(
        "smce_batch_grad", batch_loss_for(Y), batch_gradient_for(Y),
        at(flatten(Theta), "a batch of 3 samples, 4 classes, one-hot labels"),
        {central, autodiff});
}

BOOST_AUTO_TEST_CASE(batch_of_one,
                     *utf::label("smce_batch_of_one") * utf::label("smce_batch_grad"))
{
    const Matrix Theta = theta; // N x 1
    const Matrix Y = y_soft;
    verification::expect_gradient_verified(
        "smce_batch_grad", batch_loss_for(Y), batch_gradient_for(Y),
        at(theta, "a batch of one: " + theta_and(y_soft)), {central, complex_step});
    const double difference = max_abs(softmax_cross_entropy::dJ_dTheta(Theta, Y) -
                                      softmax_cross_entropy::dJ_dtheta(theta, y_soft));
    verification::expect_within("smce_batch_of_one",
                                "max |batch of one - single sample|, bitwise",
                                difference, 0.0);
}

// ---------------------------------------------------------------------------
// Numerical stability: log-softmax, extreme logits, shifts
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(log_softmax_jacobian, *utf::label("smce_log_softmax_jacobian") *
                                               utf::label("smce_log_softmax"))
{
    const auto dlog = [](const Vector& t) {
        return softmax_cross_entropy::log_softmax_jacobian(
            softmax_cross_entropy::softmax(t));
    };
    verification::expect_jacobian_verified("smce_log_softmax_jacobian", log_softmax_map,
                                           dlog, at(theta, "θ = " + show(theta)),
                                           {central, complex_step, autodiff});
    const Vector log_of_softmax = softmax_cross_entropy::softmax(theta).array().log();
    verification::expect_within(
        "smce_log_softmax", "max |log_softmax - ln softmax|",
        max_abs(softmax_cross_entropy::log_softmax(theta) - log_of_softmax),
        8 * gradcheck::machine_epsilon);
}

// [smce_naive_overflow]
BOOST_AUTO_TEST_CASE(naive_formula_fails, *utf::label("smce_naive_overflow"))
{
    const Vector big = vec({1000.0, -1000.0, 0.0});       // e^1000 overflows to inf
    const Vector tiny = vec({-1000.0, -1000.0, -1000.0}); // e^-1000 underflows to 0
    const Vector naive_big = softmax_cross_entropy::softmax_naive(big);
    const Vector naive_tiny = softmax_cross_entropy::softmax_naive(tiny);
    const bool fails = has_non_finite(naive_big) && has_non_finite(naive_tiny);
    verification::Row row;
    row.method = "naive formula";
    row.input = "θ = [1000, −1000, 0] and [−1000, −1000, −1000]";
    row.measured = as_text(naive_big) + " and " + as_text(naive_tiny);
    row.allowed = "finite";
    row.outcome = fails ? "not finite" : "finite";
    verification::record("smce_naive_overflow", verification::Kind::control, fails, row,
                         "the softmax as written, e^θ / Σ e^θ, at logits of ±1000: "
                         "it overflows or underflows to NaN");
    BOOST_TEST(fails, "the naive softmax stayed finite at logits of +-1000");
}
// [smce_naive_overflow]

BOOST_AUTO_TEST_CASE(range_of_exp)
{
    // Where e^x leaves the doubles, as the text quotes it: above ln(largest double),
    // and below ln(smallest subnormal / 2), where the result rounds to zero.
    const double over = std::log(std::numeric_limits<double>::max());
    const double under =
        std::log(std::numeric_limits<double>::denorm_min()) - std::log(2.0);
    verification::quote("smce_exp_overflow", over, "%.1f");
    verification::quote("smce_exp_underflow", under, "%.1f");
    BOOST_TEST(std::isfinite(std::exp(over - 1e-9)));
    BOOST_TEST(std::isinf(std::exp(over + 1e-9)));
    BOOST_TEST(std::exp(under + 1e-9) > 0.0);
    BOOST_TEST(std::exp(under - 1e-9) == 0.0);
}

// [smce_large_logits]
BOOST_AUTO_TEST_CASE(stable_at_large_logits, *utf::label("smce_large_logits"))
{
    const Vector big = vec({1000.0, -1000.0, 0.0});
    const Vector tiny = vec({-1000.0, -1000.0, -1000.0});
    const Vector last =
        vec({0.0, -1000.0, 1000.0}); // the largest logit last, then first
    const double error = std::max(
        {max_abs(softmax_cross_entropy::softmax(big) - vec({1.0, 0.0, 0.0})),
         max_abs(softmax_cross_entropy::softmax(tiny) - Vector::Constant(3, 1.0 / 3.0)),
         max_abs(softmax_cross_entropy::softmax(last) - vec({0.0, 0.0, 1.0}))});
    verification::expect_within("smce_large_logits", "max |y_hat - exact|", error,
                                gradcheck::machine_epsilon);
    const Vector y = vec({0.0, 0.0, 1.0}); // J = 1000 exactly, finite
    const double J = softmax_cross_entropy::cross_entropy(big, y);
    verification::expect_within("smce_large_logits", "|J - 1000|", std::abs(J - 1000.0),
                                0.0);
    verification::quote("smce_J_large_logits", J, "%g");
    // Equal logits: a third each, so J = ln 3 for any one-hot label.
    double equal = 0.0;
    for (int c = 0; c < 3; ++c)
        equal = std::max(equal, std::abs(softmax_cross_entropy::cross_entropy(
                                             tiny, Vector::Unit(3, c)) -
                                         std::log(3.0)));
    verification::expect_within("smce_large_logits",
                                "|J - ln 3| at equal logits, each one-hot label", equal,
                                2 * gradcheck::machine_epsilon);
}
// [smce_large_logits]

BOOST_AUTO_TEST_CASE(gradient_at_large_logits, *utf::label("smce_grad_large_logits"))
{
    const Vector big = vec({1000.0, -1000.0, 0.0});
    const Vector y = vec({0.0, 0.0, 1.0});
    verification::expect_gradient_verified(
        "smce_grad_large_logits", loss_for(y),
        gradient_for(softmax_cross_entropy::dJ_dtheta, y),
        at(big, "θ = " + show(big) + "; y = " + show(y)),
        {central, complex_step, autodiff});
}

BOOST_AUTO_TEST_CASE(shift_invariance, *utf::label("smce_shift"))
{
    // [smce_shift]
    const Vector dyadic = vec({0.375, -1.25, 2.0, 0.5, -0.75}); // multiples of 1/8
    const Vector shifted =
        (dyadic.array() + std::ldexp(1.0, 20)).matrix(); // + 2^20, exact
    const double bitwise =
        std::max(max_abs(softmax_cross_entropy::softmax(shifted) -
                         softmax_cross_entropy::softmax(dyadic)),
                 max_abs(softmax_cross_entropy::log_softmax(shifted) -
                         softmax_cross_entropy::log_softmax(dyadic)));
    verification::expect_within("smce_shift", "dyadic logits + 2^20, bitwise", bitwise,
                                0.0);
    // [smce_shift]
    const Vector rounded = (theta.array() + 1000.3).matrix(); // the sum is rounded
    const Vector y_hat = softmax_cross_entropy::softmax(theta);
    verification::expect_within(
        "smce_shift", "logits + 1000.3, max relative change",
        max_abs((softmax_cross_entropy::softmax(rounded) - y_hat).cwiseQuotient(y_hat)),
        1e-12);
}

// ---------------------------------------------------------------------------
// Two classes: softmax and sigmoid
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(two_classes_are_a_sigmoid, *utf::label("smce_two_class"))
{
    // [smce_two_class]
    const auto gap = [](double z1,
                        double z2) { // |softmax([z1, z2])_1 - sigmoid(z1 - z2)|
        return std::abs(softmax_cross_entropy::softmax(vec({z1, z2}))(0) -
                        softmax_cross_entropy::sigmoid(z1 - z2));
    };
    double error = 0.0;
    for (double z1 = -20.0; z1 <= 20.0; z1 += 0.25)
        for (double z2 = -20.0; z2 <= 20.0; z2 += 0.25) // includes 004's form [z, 0]
            error = std::max(error, gap(z1, z2));
    // [smce_two_class]
    verification::expect_within("smce_two_class", "grid z1, z2 in [-20, 20], step 1/4",
                                error, 4 * gradcheck::machine_epsilon);
    double extreme = 0.0;
    for (double z1 = -1000.0; z1 <= 1000.0; z1 += 50.0)
        for (double z2 = -1000.0; z2 <= 1000.0; z2 += 50.0)
            extreme = std::max(extreme, gap(z1, z2));
    verification::expect_within("smce_two_class",
                                "grid z1, z2 in [-1000, 1000], step 50", extreme,
                                4 * gradcheck::machine_epsilon);
}

BOOST_AUTO_TEST_CASE(two_class_gradient, *utf::label("smce_two_class_grad"))
{
    const auto y_hat_1 = [](const auto& z) {
        using T = gradcheck::scalar_of<decltype(z)>;
        return T(softmax_cross_entropy::softmax(z)(0));
    };
    const auto s_one_minus_s = [](const Vector& z) {
        return softmax_cross_entropy::two_class_grad(z(0), z(1));
    };
    for (const Vector& z : {vec({0.7, -0.4}), vec({-3.0, 2.5})})
        verification::expect_gradient_verified(
            "smce_two_class_grad", y_hat_1, s_one_minus_s,
            at(z, "[z₁, z₂] = " + show(z)), {central, complex_step, autodiff});
}

// ---------------------------------------------------------------------------
// Edge cases and errors
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(single_class_values, *utf::label("smce_single_class"))
{
    const Vector z = vec({3.7});
    const Vector y = vec({1.0});
    const double error =
        std::max({std::abs(softmax_cross_entropy::softmax(z)(0) - 1.0),
                  std::abs(softmax_cross_entropy::cross_entropy(z, y)),
                  std::abs(softmax_cross_entropy::dJ_dtheta(z, y)(0))});
    verification::expect_within("smce_single_class",
                                "y_hat = 1, J = 0, gradient 0, exactly", error, 0.0);
}

// [smce_single_class_refused]
BOOST_AUTO_TEST_CASE(single_class_proves_nothing,
                     *utf::label("smce_single_class_refused"))
{
    const Vector z = vec({3.7});
    const Vector y = vec({1.0});
    for (Oracle oracle : {central, complex_step, autodiff})
        verification::expect_verdict(
            gradcheck::check_gradient("smce_single_class_refused", loss_for(y), z,
                                      softmax_cross_entropy::dJ_dtheta(z, y), oracle),
            gradcheck::Verdict::all_zero, "θ = [3.7]; y = [1]",
            "one class: the gradient and every oracle are exactly zero, so any formula "
            "returning zero would agree; the checker refuses the comparison");
}
// [smce_single_class_refused]

namespace {

/// True when `what()` contains every one of the given pieces.
template <class E> auto message_has(std::initializer_list<const char*> pieces)
{
    const std::vector<std::string> wanted(pieces.begin(), pieces.end());
    return [wanted](const E& e) {
        const std::string text = e.what();
        return std::all_of(wanted.begin(), wanted.end(), [&](const std::string& piece) {
            return text.find(piece) != std::string::npos;
        });
    };
}

} // namespace

// [test_errors]
BOOST_AUTO_TEST_CASE(non_finite_and_mismatched_inputs)
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    BOOST_CHECK_EXCEPTION(
        softmax_cross_entropy::softmax(vec({0.0, 1.0, inf})), std::domain_error,
        message_has<std::domain_error>({"theta(2)", "inf", "not finite"}));
    BOOST_CHECK_EXCEPTION(
        softmax_cross_entropy::cross_entropy(vec({0.0, 1.0}), vec({nan, 1.0})),
        std::domain_error,
        message_has<std::domain_error>({"y(0)", "nan", "not finite"}));
    BOOST_CHECK_EXCEPTION(
        softmax_cross_entropy::cross_entropy(theta, vec({0.0, 1.0, 0.0})),
        std::invalid_argument,
        message_has<std::invalid_argument>({"5 entries", "y has 3"}));
}
// [test_errors]

BOOST_AUTO_TEST_CASE(more_bad_inputs)
{
    const double inf = std::numeric_limits<double>::infinity();
    BOOST_CHECK_EXCEPTION(softmax_cross_entropy::log_softmax(vec({-inf, 1.0})),
                          std::domain_error,
                          message_has<std::domain_error>({"theta(0)", "-inf"}));
    BOOST_CHECK_EXCEPTION(softmax_cross_entropy::softmax(Vector()),
                          std::invalid_argument,
                          message_has<std::invalid_argument>({"empty"}));
    BOOST_CHECK_EXCEPTION(
        softmax_cross_entropy::dJ_dTheta(Matrix::Zero(3, 2), Matrix::Zero(3, 4)),
        std::invalid_argument, message_has<std::invalid_argument>({"3x2", "3x4"}));
    BOOST_CHECK_EXCEPTION(softmax_cross_entropy::dJ_dtheta(theta, Vector::Zero(4)),
                          std::invalid_argument,
                          message_has<std::invalid_argument>({"5 entries", "y has 4"}));
    // The complex and dual paths refuse too: the checker never sees a NaN.
    VectorT<gradcheck::Complex> zc = theta.cast<gradcheck::Complex>();
    zc(1) = gradcheck::Complex(inf, 0.0);
    BOOST_CHECK_THROW(softmax_cross_entropy::softmax(zc), std::domain_error);
}

// ---------------------------------------------------------------------------
// The sources' slips, implemented literally: negative controls
// ---------------------------------------------------------------------------

namespace literal {

/// 001, section 1: S(z_i) = e^{z_i} / sum_{j=1}^N e^{z_i} -- the summand ignores j.
// [literal_001_softmax]
template <class T> VectorT<T> softmax_001(const VectorT<T>& z)
{
    using std::exp;
    VectorT<T> S(z.size());
    for (Eigen::Index i = 0; i < z.size(); ++i) {
        T denominator(0.0);
        for (Eigen::Index j = 0; j < z.size(); ++j)
            denominator += exp(z(i)); // e^{z_i}, as printed; e^{z_j} was meant
        S(i) = exp(z(i)) / denominator;
    }
    return S;
}
// [literal_001_softmax]

/// 001's loss L_CE = sum_i -y_i log S(z_i), with its literal S.
template <class T> T loss_001(const VectorT<T>& z, const Vector& y)
{
    using std::log;
    const VectorT<T> S = softmax_001(z);
    T L(0.0);
    for (Eigen::Index i = 0; i < z.size(); ++i)
        L -= y(i) * log(S(i));
    return L;
}

/// 002, section 2.8.7: J = sum_i y_i log(y_hat_i) -- no minus sign.
// [literal_002_J]
template <class T> T J_002(const VectorT<T>& theta, const Vector& y)
{
    const VectorT<T> log_y_hat = softmax_cross_entropy::log_softmax(theta);
    T J(0.0);
    for (Eigen::Index i = 0; i < theta.size(); ++i)
        J += y(i) * log_y_hat(i); // as printed: + sum, not - sum
    return J;
}
// [literal_002_J]

/// 002's J_002 as a function of y_hat, for its step dJ/dy_hat_i = y_i / y_hat_i.
template <class T> T J_002_of_probabilities(const VectorT<T>& y_hat, const Vector& y)
{
    return -softmax_cross_entropy::cross_entropy_of_probabilities(y_hat, y);
}

/// 002, 2.8.7, first intermediate line: y_i (1 - y_hat_i) + sum_{k != i} y_k y_hat_i.
// [literal_002_first_line]
Vector first_line_002(const Vector& theta, const Vector& y)
{
    const Vector y_hat = softmax_cross_entropy::softmax(theta);
    Vector dJ(theta.size());
    for (Eigen::Index i = 0; i < theta.size(); ++i) {
        double others = 0.0;
        for (Eigen::Index k = 0; k < theta.size(); ++k)
            others += k == i ? 0.0 : y(k) * y_hat(i);
        dJ(i) = y(i) * (1.0 - y_hat(i)) + others;
    }
    return dJ;
}
// [literal_002_first_line]

} // namespace literal

// [smce_errata_001_denominator]
BOOST_AUTO_TEST_CASE(errata_001_denominator, *utf::label("smce_errata_001_denominator"))
{
    const auto L = [](const auto& z) { return literal::loss_001(z, y_onehot); };
    const auto S_minus_y = [](const Vector& z) {
        return Vector(literal::softmax_001(z) - y_onehot); // 001's claim S_k - y_k
    };
    verification::expect_gradient_rejected(
        "smce_errata_001_denominator",
        "the source's Sₖ − yₖ as the gradient of its own loss, whose literal "
        "softmax is the constant 1/N",
        L, S_minus_y, at(theta, theta_and(y_onehot)), {central, complex_step});
}
// [smce_errata_001_denominator]

BOOST_AUTO_TEST_CASE(errata_001_literal_softmax_is_constant,
                     *utf::label("smce_errata_001_constant"))
{
    // The literal S is 1/N whatever z is: its Jacobian is zero, not diag(S) - S S^T.
    const Vector S = literal::softmax_001(theta);
    const auto N = static_cast<double>(theta.size());
    verification::expect_within("smce_errata_001_constant", "max |S_literal - 1/N|",
                                max_abs(S - Vector::Constant(theta.size(), 1.0 / N)),
                                2 * gradcheck::machine_epsilon);
}

// [smce_errata_002_sign]
BOOST_AUTO_TEST_CASE(errata_002_sign, *utf::label("smce_errata_002_sign"))
{
    const auto J = [](const auto& x) { return literal::J_002(x, y_onehot); };
    const auto claimed = [](const Vector& t) {
        return Vector(softmax_cross_entropy::softmax(t) -
                      y_onehot); // 2.8.7's conclusion
    };
    verification::expect_gradient_rejected(
        "smce_errata_002_sign",
        "the source's conclusion ŷ − y as the gradient of its J = Σ y log ŷ, which "
        "has no minus sign: the sign is wrong",
        J, claimed, at(theta, theta_and(y_onehot)), {central, complex_step});
}
// [smce_errata_002_sign]

BOOST_AUTO_TEST_CASE(errata_002_consistent_steps,
                     *utf::label("smce_errata_002_literal"))
{
    // Its J and its dJ/dy_hat = y / y_hat agree; so do its J and y - y_hat.
    const Vector y_hat = softmax_cross_entropy::softmax(theta);
    const auto J_p = [](const auto& p) {
        return literal::J_002_of_probabilities(p, y_soft);
    };
    const auto J = [](const auto& x) { return literal::J_002(x, y_soft); };
    const auto y_over_y_hat = [](const Vector& p) {
        return Vector(y_soft.cwiseQuotient(p));
    };
    const auto y_minus_y_hat = [](const Vector& t) {
        return Vector(y_soft - softmax_cross_entropy::softmax(t));
    };
    const std::string about =
        "the source's J = Σ y log ŷ has lost its minus sign, but its derivatives "
        "y / ŷ and y − ŷ are those of that wrong J: the checker verifies the "
        "derivative of the function as written, right or wrong";
    verification::expect_gradient_blind_spot(
        "smce_errata_002_literal", about, J_p, y_over_y_hat,
        at(y_hat, "∂J/∂ŷ at ŷ = softmax(θ); y = " + show(y_soft)),
        {central, complex_step});
    verification::expect_gradient_blind_spot(
        "smce_errata_002_literal", about, J, y_minus_y_hat,
        at(theta, "∂J/∂θ at " + theta_and(y_soft)), {central, complex_step});
}

// [smce_errata_002_first_line]
BOOST_AUTO_TEST_CASE(errata_002_first_line,
                     *utf::label("smce_errata_002_first_line_plus") *
                         utf::label("smce_errata_002_first_line_minus"))
{
    const auto line = [](const Vector& t) {
        return literal::first_line_002(t, y_onehot);
    };
    const auto J_printed = [](const auto& x) { return literal::J_002(x, y_onehot); };
    verification::expect_gradient_rejected(
        "smce_errata_002_first_line_plus",
        "the source's first line yᵢ (1 − ŷᵢ) + Σ yₖ ŷᵢ as the gradient of its "
        "J = Σ y log ŷ: the second term has the wrong sign",
        J_printed, line, at(theta, theta_and(y_onehot)), {central, complex_step});
    verification::expect_gradient_rejected(
        "smce_errata_002_first_line_minus",
        "the source's first line as the gradient of the cross-entropy J = −Σ y log ŷ: "
        "the first term has the wrong sign",
        loss_for(y_onehot), line, at(theta, theta_and(y_onehot)),
        {central, complex_step});
}
// [smce_errata_002_first_line]

// The chapter's exercises: each worked solution is checked like a formula of the text.
BOOST_AUTO_TEST_SUITE(exercises)

BOOST_AUTO_TEST_CASE(label_smoothing, *utf::label("smce_ex_smoothing"))
{
    // y_hat - y_alpha is the gradient because y_alpha still sums to one.
    for (double alpha : {0.1, 0.5}) {
        const Vector y_alpha = softmax_cross_entropy::smoothed_label(5, 3, alpha);
        verification::expect_gradient_verified(
            "smce_ex_smoothing", loss_for(y_alpha),
            gradient_for(softmax_cross_entropy::dJ_dtheta, y_alpha),
            at(theta, "θ = " + show(theta) + "; α = " + show(vec({alpha}))),
            {central, complex_step, autodiff});
    }
}

BOOST_AUTO_TEST_CASE(temperature, *utf::label("smce_ex_temperature"))
{
    for (double tau : {0.5, 3.0}) {
        const auto J = [tau](const auto& x) {
            return softmax_cross_entropy::cross_entropy_at_temperature(x, y_soft, tau);
        };
        const auto dJ = [tau](const Vector& t) {
            return softmax_cross_entropy::dJ_dtheta_at_temperature(t, y_soft, tau);
        };
        verification::expect_gradient_verified(
            "smce_ex_temperature", J, dJ,
            at(theta, theta_and(y_soft) + "; τ = " + show(vec({tau}))),
            {central, complex_step, autodiff});
    }
}

BOOST_AUTO_TEST_CASE(binary_cross_entropy, *utf::label("smce_ex_binary"))
{
    for (double y : {0.0, 1.0, 0.3}) {
        const auto J = [y](const auto& v) -> gradcheck::scalar_of<decltype(v)> {
            return softmax_cross_entropy::binary_cross_entropy(v(0), y);
        };
        const auto dJ = [y](const Vector& z) {
            return Vector::Constant(1, softmax_cross_entropy::dJ_dz_binary(z(0), y));
        };
        for (double z : {-2.5, 0.3, 4.0})
            verification::expect_gradient_verified(
                "smce_ex_binary", J, dJ,
                at(vec({z}), "z = " + show(vec({z})) + "; y = " + show(vec({y}))),
                {central, complex_step, autodiff});
    }
}

BOOST_AUTO_TEST_CASE(hessian_is_the_softmax_jacobian, *utf::label("smce_ex_hessian"))
{
    // The oracles differentiate the gradient y_hat - y as a function of theta.
    const auto gradient = [](const auto& x) {
        using T = gradcheck::scalar_of<decltype(x)>;
        return VectorT<T>(softmax_cross_entropy::softmax<T>(x) - y_soft.cast<T>());
    };
    const auto hessian = [](const Vector& t) {
        return softmax_cross_entropy::cross_entropy_hessian(t);
    };
    verification::expect_jacobian_verified("smce_ex_hessian", gradient, hessian,
                                           at(theta, theta_and(y_soft)),
                                           {central, complex_step, autodiff});
    const Matrix H = softmax_cross_entropy::cross_entropy_hessian(theta);
    // Positive semidefinite, with (1, ..., 1) in its null space: the loss is convex
    // in the logits and flat along a shift of all of them.
    const Eigen::SelfAdjointEigenSolver<Matrix> eigen(H);
    verification::expect_within("smce_ex_hessian", "-(smallest eigenvalue of H)",
                                std::max(0.0, -eigen.eigenvalues().minCoeff()),
                                4 * gradcheck::machine_epsilon);
    verification::expect_within("smce_ex_hessian", "max |H 1|",
                                max_abs(H * Vector::Ones(theta.size())),
                                4 * gradcheck::machine_epsilon);
}

BOOST_AUTO_TEST_SUITE_END()
