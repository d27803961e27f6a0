// Tests of the gradient checker itself: each oracle recovers known derivatives, its
// error behaves as the chapter's error model says, wrong derivatives are rejected by
// every oracle, kinks are skipped and counted, and the Taylor test tells a right
// gradient (slope 2) from a wrong one (slope 1). Each test can fail.
#define BOOST_TEST_MODULE checking_gradients
#include "support/tanh_mlp.hpp"
#include "support/vec.hpp"
#include "support/verification.hpp"

#include "checking_gradients/checking_gradients.hpp"

#include <Eigen/Cholesky>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using namespace checking_gradients;
using gradcheck::CheckOptions;
using gradcheck::CheckResult;
using gradcheck::Oracle;
using gradcheck::Verdict;
using verification::at;
using verification::expect_rejected;
using verification::expect_verified;
using verification::expect_within;
using verification::show;
namespace utf = boost::unit_test;

const std::vector<Oracle> all_oracles = {Oracle::forward_difference,
                                         Oracle::central_difference,
                                         Oracle::complex_step, Oracle::autodiff};
constexpr double eps = gradcheck::machine_epsilon;

/// The label of the equation that defines each oracle in the chapter.
std::string label_of(Oracle oracle)
{
    switch (oracle) {
    case Oracle::forward_difference:
        return "gc_forward";
    case Oracle::central_difference:
        return "gc_central";
    case Oracle::complex_step:
        return "gc_complex_step";
    case Oracle::autodiff:
        return "gc_dual";
    }
    return "gc_unknown";
}

using verification::expect_verdict;

using gradcheck::log_log_slope;

// Known functions with hand-derived derivatives.

/// p(x) = x0^3 + 2 x0 x1^2 - 5 x1 + 7.
const auto polynomial = [](const auto& x) -> scalar_of<decltype(x)> {
    return x(0) * x(0) * x(0) + 2.0 * x(0) * x(1) * x(1) - 5.0 * x(1) + 7.0;
};
Vector polynomial_gradient(const Vector& x)
{
    return vec({3 * x(0) * x(0) + 2 * x(1) * x(1), 4 * x(0) * x(1) - 5});
}

/// e(x) = exp(x0) log(x1) + sin(x0 x1).
const auto elementary = [](const auto& x) -> scalar_of<decltype(x)> {
    using std::exp, std::log, std::sin;
    return exp(x(0)) * log(x(1)) + sin(x(0) * x(1));
};
Vector elementary_gradient(const Vector& x)
{
    const double c = std::cos(x(0) * x(1));
    return vec(
        {std::exp(x(0)) * std::log(x(1)) + x(1) * c, std::exp(x(0)) / x(1) + x(0) * c});
}

/// F(x) = (x0 x1, x0^2 + sin x2, exp(x1) x2): a map R^3 -> R^3, Jacobian not symmetric.
const auto vector_map = [](const auto& x) {
    using std::exp, std::sin;
    using T = scalar_of<decltype(x)>;
    gradcheck::VectorT<T> y(3);
    y << x(0) * x(1), x(0) * x(0) + sin(x(2)), exp(x(1)) * x(2);
    return y;
};
Matrix vector_map_jacobian(const Vector& x)
{
    Matrix jacobian(3, 3);
    jacobian << x(1), x(0), 0.0,                    //
        2 * x(0), 0.0, std::cos(x(2)),              //
        0.0, std::exp(x(1)) * x(2), std::exp(x(1)); //
    return jacobian;
}

/// w(x) = sum_i (i + 1) x_i^2 / 2, gradient (i + 1) x_i.
const auto weighted_squares = [](const auto& x) {
    using T = scalar_of<decltype(x)>;
    T sum(0);
    for (Eigen::Index i = 0; i < x.size(); ++i)
        sum += T(static_cast<double>(i + 1)) * x(i) * x(i) / T(2);
    return sum;
};

const Vector x_polynomial = vec({1.3, -0.7});
const Vector x_elementary = vec({0.4, 2.5});
const Vector x_map = vec({0.8, -0.3, 1.1});

// The functions and points as the boxes under the formulas name them.
const std::string polynomial_at =
    "p = x₀³ + 2x₀x₁² − 5x₁ + 7 at x = " + show(x_polynomial);
const std::string elementary_at =
    "e = exp(x₀) log x₁ + sin(x₀x₁) at x = " + show(x_elementary);
const std::string vector_map_at =
    "F = (x₀x₁, x₀² + sin x₂, exp(x₁) x₂) at x = " + show(x_map);

} // namespace

BOOST_AUTO_TEST_SUITE(oracles)

BOOST_AUTO_TEST_CASE(recover_a_polynomial,
                     *utf::label("gc_forward") * utf::label("gc_central") *
                         utf::label("gc_complex_step") * utf::label("gc_dual"))
{
    for (Oracle oracle : all_oracles)
        expect_verified(
            gradcheck::check_gradient(label_of(oracle), polynomial, x_polynomial,
                                      polynomial_gradient(x_polynomial), oracle),
            polynomial_at);
}

BOOST_AUTO_TEST_CASE(recover_exp_log_sin,
                     *utf::label("gc_forward") * utf::label("gc_central") *
                         utf::label("gc_complex_step") * utf::label("gc_dual"))
{
    for (Oracle oracle : all_oracles)
        expect_verified(
            gradcheck::check_gradient(label_of(oracle), elementary, x_elementary,
                                      elementary_gradient(x_elementary), oracle),
            elementary_at);
}

BOOST_AUTO_TEST_CASE(recover_a_jacobian,
                     *utf::label("gc_forward") * utf::label("gc_central") *
                         utf::label("gc_complex_step") * utf::label("gc_dual"))
{
    for (Oracle oracle : all_oracles)
        expect_verified(gradcheck::check_jacobian(label_of(oracle), vector_map, x_map,
                                                  vector_map_jacobian(x_map), oracle),
                        vector_map_at);
}

/// c(x) = sum_i x_i^3 / 3, gradient x_i^2: at x_i = 1e8 its values reach 1e23.
const auto cubes = [](const auto& x) {
    using T = scalar_of<decltype(x)>;
    T sum(0);
    for (Eigen::Index i = 0; i < x.size(); ++i)
        sum += x(i) * x(i) * x(i) / T(3);
    return sum;
};
Vector cubes_gradient(const Vector& x)
{
    return x.cwiseProduct(x);
}

// An absolute step of 6e-6 at x_i = 1e8 has a round-off error eps |c| / h ~ 1e-3
// relative to the gradient; the step relative to |x_i| keeps it near eps^(2/3).
BOOST_AUTO_TEST_CASE(step_scales_with_the_coordinate, *utf::label("gc_step"))
{
    verification::expect_gradient_verified(
        "gc_step", cubes, cubes_gradient,
        at(vec({1e8, -3e7}), "c = Σ xᵢ³/3 at x = (10⁸, −3·10⁷)"),
        {Oracle::central_difference, Oracle::forward_difference});
}

// [gc_mixed_scales]
// Next to x_0 = 1e8, c(x) ~ 3.3e23 is rounded to multiples of 2^26 ~ 6.7e7: moving
// x_1 = 0.5 by any sensible step changes c by far less, so every difference quotient
// reads 0. The complex step keeps the perturbation in a separate imaginary part.
BOOST_AUTO_TEST_CASE(mixed_scales_blind_differences,
                     *utf::label("gc_mixed_scales_differences") *
                         utf::label("gc_mixed_scales_complex_step"))
{
    const Vector x = vec({1e8, 0.5});
    const std::string where = "c = Σ xᵢ³/3 at x = (10⁸, 0.5)";
    const double c = cubes(x);
    verification::quote("gc_double_spacing", std::nextafter(c, HUGE_VAL) - c, "%.0f");
    verification::expect_gradient_rejected(
        "gc_mixed_scales_differences",
        "the right gradient x², which central differences cannot see along x₁: every "
        "difference quotient there reads 0",
        cubes, cubes_gradient, at(x, where), {Oracle::central_difference});
    expect_verified(gradcheck::check_gradient("gc_mixed_scales_complex_step", cubes, x,
                                              cubes_gradient(x), Oracle::complex_step),
                    where);
}
// [gc_mixed_scales]

BOOST_AUTO_TEST_CASE(squire_trapp_factored, *utf::label("gc_squire_trapp"))
{
    // f by the factored g = (sin x + cos x)(1 - sin x cos x) of the text, across its
    // domain.
    double error = 0.0;
    for (double x = -0.75; x <= 2.3; x += 0.05) {
        const double s = std::sin(x);
        const double c = std::cos(x);
        const double factored = std::exp(x) / std::sqrt((s + c) * (1.0 - s * c));
        error = std::max(error, std::abs(squire_trapp(x) - factored) / factored);
    }
    expect_within("gc_squire_trapp",
                  "max relative difference to the factored form, x in [-0.75, 2.3]",
                  error, 16 * eps);
}

// [test_squire_trapp]
BOOST_AUTO_TEST_CASE(recover_squire_trapp, *utf::label("gc_squire_trapp_derivative"))
{
    const auto derivative = [](const Vector& x) {
        return Vector(Vector::Constant(1, squire_trapp_derivative(x(0))));
    };
    verification::expect_gradient_verified(
        "gc_squire_trapp_derivative", squire_trapp_of_vector, derivative,
        at(Vector::Constant(1, 1.5), "x = 1.5"),
        {Oracle::forward_difference, Oracle::central_difference, Oracle::complex_step,
         Oracle::autodiff});
}
// [test_squire_trapp]

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(error_against_step)

// [gc_truncation_order]
BOOST_AUTO_TEST_CASE(truncation_order,
                     *utf::label("gc_forward_order") * utf::label("gc_central_order"))
{
    // Steps where truncation dominates round-off by four orders of magnitude or more.
    std::vector<double> h_fd;
    std::vector<double> fd;
    std::vector<double> h_cd;
    std::vector<double> cd;
    for (double h = 1e-2; h >= 1e-5; h /= 2) {
        h_fd.push_back(h);
        fd.push_back(step_errors(1.5, h).forward);
    }
    for (double h = 3e-2; h >= 3e-4; h /= 2) {
        h_cd.push_back(h);
        cd.push_back(step_errors(1.5, h).central);
    }
    expect_within("gc_forward_order", "forward differences: |slope - 1|",
                  std::abs(log_log_slope(h_fd, fd) - 1), 0.05);
    expect_within("gc_central_order", "central differences: |slope - 2|",
                  std::abs(log_log_slope(h_cd, cd) - 2), 0.05);
}
// [gc_truncation_order]

/// A function for the error model: f in double, f' in long double (the truth the
/// errors are measured against), and the model's |f|, |f'|, |f''|, |f'''| at x.
struct ModelCase {
    const char* name;
    double (*f)(double);
    long double (*f_exact)(long double);
    long double (*exact)(long double);
    ErrorModel (*model)(double);
    double x;
};

const std::array<ModelCase, 5> model_cases = {{
    {"f of Squire and Trapp", [](double x) { return squire_trapp(x); },
     [](long double x) { return squire_trapp(x); },
     [](long double x) { return squire_trapp_derivative(x); }, error_model, 0.5},
    {"f of Squire and Trapp", [](double x) { return squire_trapp(x); },
     [](long double x) { return squire_trapp(x); },
     [](long double x) { return squire_trapp_derivative(x); }, error_model, 0.9},
    {"exp", [](double x) { return std::exp(x); },
     [](long double x) { return std::exp(x); },
     [](long double x) { return std::exp(x); },
     [](double x) {
         return ErrorModel{std::exp(x), std::exp(x), std::exp(x), std::exp(x)};
     },
     0.6},
    {"sin", [](double x) { return std::sin(x); },
     [](long double x) { return std::sin(x); },
     [](long double x) { return std::cos(x); },
     [](double x) {
         return ErrorModel{std::abs(std::sin(x)), std::abs(std::cos(x)),
                           std::abs(std::sin(x)), std::abs(std::cos(x))};
     },
     0.8},
    {"x^4 + x", [](double x) { return x * x * x * x + x; },
     [](long double x) { return x * x * x * x + x; },
     [](long double x) { return 4 * x * x * x + 1; },
     [](double x) {
         return ErrorModel{x * x * x * x + x, 4 * x * x * x + 1, 12 * x * x, 24 * x};
     },
     0.7},
}};

/// The largest relative error of a difference at step h over `points` points near x
/// (one point's round-off is ragged; the model bounds it). Written apart from the
/// oracles; the step is made exact, (x + h) - x, as the checker does.
double worst_error(const ModelCase& c, double h, bool central, int points = 32)
{
    double worst = 0.0;
    for (int j = 0; j < points; ++j) {
        const double x = c.x + 1e-3 * j;
        const double step = (x + h) - x;
        const double d = central ? (c.f(x + step) - c.f(x - step)) / (2 * step)
                                 : (c.f(x + step) - c.f(x)) / step;
        const long double exact = c.exact(static_cast<long double>(x));
        worst = std::max(worst, static_cast<double>(std::abs(
                                    (static_cast<long double>(d) - exact) / exact)));
    }
    return worst;
}

/// epsilon_f of the model: the largest relative error of the computed f over the
/// same 32 points, against f in long double.
double measured_epsilon_f(const ModelCase& c)
{
    double worst = 0.0;
    for (int j = 0; j < 32; ++j) {
        const double x = c.x + 1e-3 * j;
        const long double exact = c.f_exact(static_cast<long double>(x));
        worst =
            std::max(worst, static_cast<double>(std::abs(
                                (static_cast<long double>(c.f(x)) - exact) / exact)));
    }
    return worst;
}

BOOST_AUTO_TEST_CASE(error_model_predicts_the_best_step,
                     *utf::label("gc_forward_error") * utf::label("gc_central_error"))
{
    // The measured error curve, at 20 steps a decade; its minimum against the model's.
    std::array<double, 2> step_ratio = {
        1.0, 1.0}; // the worst of predicted / best either way
    std::array<double, 2> error_ratio = {1.0, 1.0};
    for (const ModelCase& c : model_cases) {
        ErrorModel model = c.model(c.x);
        model.epsilon_f = measured_epsilon_f(c);
        for (std::size_t central = 0; central < 2; ++central) {
            double best_h = 0.0;
            double best = std::numeric_limits<double>::infinity();
            for (int k = 20; k <= 300; ++k) {
                const double h = std::pow(10.0, -k / 20.0);
                const double e = worst_error(c, h, central == 1);
                if (e < best) {
                    best = e;
                    best_h = h;
                }
            }
            const double h_star = central == 1 ? model.central_optimal_step()
                                               : model.forward_optimal_step();
            const double e_star =
                central == 1 ? model.central(h_star) : model.forward(h_star);
            step_ratio[central] =
                std::max({step_ratio[central], h_star / best_h, best_h / h_star});
            error_ratio[central] =
                std::max({error_ratio[central], e_star / best, best / e_star});
            BOOST_TEST_MESSAGE(c.name << " at " << c.x
                                      << (central == 1 ? ", central" : ", forward")
                                      << ": h* " << h_star << " vs best " << best_h
                                      << ", error " << e_star << " vs " << best);
        }
    }
    expect_within("gc_forward_error",
                  "5 functions and points: predicted / best step, either way",
                  step_ratio[0], 2.0);
    expect_within("gc_forward_error",
                  "5 functions and points: predicted / best error, either way",
                  error_ratio[0], 2.0);
    expect_within("gc_central_error",
                  "5 functions and points: predicted / best step, either way",
                  step_ratio[1], 2.0);
    expect_within("gc_central_error",
                  "5 functions and points: predicted / best error, either way",
                  error_ratio[1], 2.0);
}

/// The round-off term measured against the model's bound at a step h so small that
/// truncation is negligible: over 128 points near x, the largest error of the
/// difference over the bound 2 eps_f |f| / h (central: eps_f |f| / h), with eps_f the
/// largest relative error of every value of f the differences used. At most 1 (plus
/// truncation), since it is a bound; near 1 if the bound is tight.
double round_off_ratio(const ModelCase& c, double h, bool central)
{
    double eps_f = 0.0;
    double worst = 0.0;
    for (int j = 0; j < 128; ++j) {
        const double x = c.x + 2.5e-4 * j;
        const double step = (x + h) - x;
        for (double at : {x - step, x, x + step}) {
            const long double exact = c.f_exact(static_cast<long double>(at));
            eps_f = std::max(eps_f,
                             static_cast<double>(std::abs(
                                 (static_cast<long double>(c.f(at)) - exact) / exact)));
        }
        const double d = central ? (c.f(x + step) - c.f(x - step)) / (2 * step)
                                 : (c.f(x + step) - c.f(x)) / step;
        const long double exact = c.exact(static_cast<long double>(x));
        worst = std::max(worst, static_cast<double>(std::abs(
                                    (static_cast<long double>(d) - exact) / exact)));
    }
    ErrorModel model = c.model(c.x);
    model.epsilon_f = eps_f;
    return worst / (central ? model.central(h) : model.forward(h));
}

BOOST_AUTO_TEST_CASE(error_model_term_by_term,
                     *utf::label("gc_forward_error") * utf::label("gc_central_error"))
{
    // Each constant of the model on its own: the truncation term where truncation
    // dominates (h = 1e-3), the round-off term where round-off does (forward 1e-13,
    // central 1e-11), and the optimal step as the model's minimum, found numerically.
    std::array<double, 2> truncation = {0.0, 0.0}; // the worst |measured / model - 1|
    std::array<double, 2> round_off = {0.0, 0.0};  // the largest measured / bound
    std::array<double, 2> round_off_low = {0.0, 0.0}; // the largest bound / measured
    std::array<double, 2> minimum = {0.0, 0.0}; // the worst relative rise of the model
    for (const ModelCase& c : model_cases) {
        ErrorModel model = c.model(c.x);
        model.epsilon_f = measured_epsilon_f(c);
        for (std::size_t central = 0; central < 2; ++central) {
            const auto E = [&](double h) {
                return central == 1 ? model.central(h) : model.forward(h);
            };
            const double t =
                worst_error(c, 1e-3, central == 1, 1) / E(1e-3); // at x itself
            truncation[central] = std::max(truncation[central], std::abs(t - 1));
            const double h_r = central == 1 ? 1e-11 : 1e-13;
            const double r = round_off_ratio(c, h_r, central == 1);
            round_off[central] = std::max(round_off[central], r);
            round_off_low[central] = std::max(round_off_low[central], 1 / r);
            const double h_star = central == 1 ? model.central_optimal_step()
                                               : model.forward_optimal_step();
            // At the minimum, 5% either way raises E by a little; below zero means h*
            // is not it.
            for (double factor : {1.05, 1 / 1.05})
                minimum[central] = std::max(
                    minimum[central], (E(h_star) - E(h_star * factor)) / E(h_star));
            BOOST_TEST_MESSAGE(c.name << (central == 1 ? ", central" : ", forward")
                                      << ": truncation ratio " << t
                                      << ", round-off ratio " << r);
        }
    }
    expect_within("gc_forward_error",
                  "truncation term h f''/2 at h = 1e-3: |measured/model - 1|",
                  truncation[0], 0.01);
    expect_within("gc_central_error",
                  "truncation term h^2 f'''/6 at h = 1e-3: |measured/model - 1|",
                  truncation[1], 0.01);
    // A bound, so at most 1 (15% for f varying over the points), and tight: within 2.5.
    expect_within("gc_forward_error",
                  "round-off 2 eps_f |f| / h at h = 1e-13: measured / bound",
                  round_off[0], 1.15);
    expect_within("gc_forward_error",
                  "round-off 2 eps_f |f| / h at h = 1e-13: bound / measured",
                  round_off_low[0], 2.5);
    expect_within("gc_central_error",
                  "round-off eps_f |f| / h at h = 1e-11: measured / bound",
                  round_off[1], 1.15);
    expect_within("gc_central_error",
                  "round-off eps_f |f| / h at h = 1e-11: bound / measured",
                  round_off_low[1], 2.5);
    expect_within("gc_forward_error",
                  "the optimal step minimizes the model: E(h*) - E(1.05^+-1 h*)",
                  minimum[0], 0.0);
    expect_within("gc_central_error",
                  "the optimal step minimizes the model: E(h*) - E(1.05^+-1 h*)",
                  minimum[1], 0.0);
}

BOOST_AUTO_TEST_CASE(default_steps_match_the_model,
                     *utf::label("gc_forward_error") * utf::label("gc_central_error"))
{
    // At the checker's default steps the measured error stays below the model's
    // estimate (times 10, for the rounding the model only bounds in size).
    const double x = 1.5;
    const ErrorModel model = error_model(x);
    const double h_fd = gradcheck::coordinate_step(
        gradcheck::default_step(Oracle::forward_difference), x);
    const double h_cd = gradcheck::coordinate_step(
        gradcheck::default_step(Oracle::central_difference), x);
    expect_within("gc_forward_error", "forward differences at the default step",
                  step_errors(x, h_fd).forward, 10 * model.forward(h_fd));
    expect_within("gc_central_error", "central differences at the default step",
                  step_errors(x, h_cd).central, 10 * model.central(h_cd));
}

// [gc_complex_step_round_off]
BOOST_AUTO_TEST_CASE(complex_step_is_exact_to_round_off,
                     *utf::label("gc_complex_step_round_off") *
                         utf::label("gc_autodiff_round_off"))
{
    for (double h : {1e-20, 1e-200})
        expect_within("gc_complex_step_round_off",
                      "complex step, h = " + gradcheck::format_number(h),
                      step_errors(1.5, h).complex_step, 4 * eps);
    expect_within("gc_autodiff_round_off", "forward-mode autodiff", autodiff_error(1.5),
                  4 * eps);
}
// [gc_complex_step_round_off]

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(negative_controls)

// [gc_negative_controls]
BOOST_AUTO_TEST_CASE(wrong_derivatives_are_rejected,
                     *utf::label("gc_control_sign") *
                         utf::label("gc_control_factor_two") *
                         utf::label("gc_control_transpose") *
                         utf::label("gc_control_off_by_one"))
{
    const auto minus_g = [](const Vector& x) {
        return Vector(-elementary_gradient(x));
    };
    const auto twice_g = [](const Vector& x) {
        return Vector(2 * elementary_gradient(x));
    };
    const auto transposed = [](const Vector& x) {
        return Matrix(vector_map_jacobian(x).transpose());
    };
    const auto off_by_one = [](const Vector& x) { // i x_i where (i + 1) x_i is meant
        Vector g(x.size());
        for (Eigen::Index i = 0; i < x.size(); ++i)
            g(i) = static_cast<double>(i) * x(i);
        return g;
    };
    const Vector x_w = vec({0.5, -1.0, 2.0, 0.25});
    verification::expect_gradient_rejected(
        "gc_control_sign", "the sign flipped: −∇e", elementary, minus_g,
        at(x_elementary, elementary_at), all_oracles);
    verification::expect_gradient_rejected(
        "gc_control_factor_two", "a factor of two: 2∇e", elementary, twice_g,
        at(x_elementary, elementary_at), all_oracles);
    verification::expect_jacobian_rejected(
        "gc_control_transpose", "the Jacobian of F transposed", vector_map, transposed,
        at(x_map, vector_map_at), all_oracles);
    verification::expect_gradient_rejected(
        "gc_control_off_by_one",
        "an index off by one: i xᵢ where (i + 1) xᵢ is the gradient", weighted_squares,
        off_by_one, at(x_w, "w = Σ (i + 1) xᵢ²/2 at x = " + show(x_w)), all_oracles);
}
// [gc_negative_controls]

// [gc_all_zero]
BOOST_AUTO_TEST_CASE(comparison_rule_at_its_edge, *utf::label("gc_compare"))
{
    // The last entry of a 3 x 3 Jacobian moved by 99% and by 101% of its allowance,
    // once where atol decides (a zero entry) and once where rtol does (an entry of
    // 1e6).
    const gradcheck::Tolerance tol{1e-8, 1e-6};
    bool edge_holds = true;
    for (double value : {0.0, 1e6}) {
        Matrix numeric = Matrix::Constant(3, 3, 0.5);
        numeric(2, 2) = value;
        const double allowed = tol.atol + tol.rtol * value;
        for (double share : {0.99, 1.01}) {
            Matrix analytic = numeric;
            analytic(2, 2) += share * allowed;
            const gradcheck::Comparison c = gradcheck::compare(analytic, numeric, tol);
            edge_holds = edge_holds && c.within_tolerance == (share < 1.0) &&
                         c.row == 2 && c.col == 2;
        }
    }
    verification::Row row;
    row.method = "the rule at 0.99 and at 1.01 of the allowance";
    row.input = "a 3 × 3 Jacobian, last entry 0 (atol decides) or 10⁶ (rtol decides)";
    row.measured = edge_holds ? "0.99 passes, 1.01 fails, worst entry named"
                              : "the edge is not where the rule says";
    row.allowed = "-";
    row.outcome = edge_holds ? "passed" : "rejected";
    verification::record("gc_compare", verification::Kind::check, edge_holds, row);
    BOOST_TEST(edge_holds);
}

BOOST_AUTO_TEST_CASE(all_zero_check_fails, *utf::label("gc_all_zero"))
{
    // Every ReLU is off: the gradient and every oracle are exactly zero.
    const Vector x = vec({-0.5, -1.5, -2.0});
    for (Oracle oracle : all_oracles)
        expect_verdict(
            gradcheck::check_gradient("gc_all_zero", sum_relu, x, Vector::Zero(3),
                                      oracle),
            Verdict::all_zero, "Σ relu(xᵢ) at x = " + show(x),
            "a zero gradient where every ReLU is off: both sides are exactly "
            "zero, so any formula returning zero would agree");
}
// [gc_all_zero]

BOOST_AUTO_TEST_CASE(shape_mismatch_throws, *utf::label("gc_shape_mismatch"))
{
    bool threw = false;
    std::string message = "no exception";
    try {
        gradcheck::check_gradient("gc_shape_mismatch", elementary, x_elementary,
                                  Vector::Zero(3), Oracle::central_difference);
    } catch (const std::invalid_argument& e) {
        threw = true;
        message = std::string("throws std::invalid_argument: ") + e.what();
    }
    verification::Row row;
    row.method = "central differences";
    row.input = "e at x = " + show(x_elementary) + " with a gradient of 3 entries";
    row.measured = message;
    row.allowed = "-";
    row.outcome = threw ? "throws" : "compared";
    verification::record(
        "gc_shape_mismatch", verification::Kind::control, threw, row,
        "a gradient of the wrong shape: a programming error, not a wrong "
        "number, so the checker throws instead of comparing");
    BOOST_TEST(threw, message);
}

BOOST_AUTO_TEST_CASE(non_finite_gradient_fails, *utf::label("gc_non_finite"))
{
    for (double bad : {std::numeric_limits<double>::quiet_NaN(),
                       std::numeric_limits<double>::infinity()}) {
        Vector g = elementary_gradient(x_elementary);
        g(1) = bad;
        for (Oracle oracle : all_oracles)
            expect_verdict(gradcheck::check_gradient("gc_non_finite", elementary,
                                                     x_elementary, g, oracle),
                           Verdict::not_finite,
                           elementary_at + "; ∇e with entry 1 " +
                               (std::isnan(bad) ? "NaN" : "infinite"),
                           "a NaN or an infinity in the gradient: nothing to compare, "
                           "so the checker refuses the check");
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(kinks)

/// sum_relu's gradient under the book's convention ReLU'(0) = 0.
Vector relu_gradient(const Vector& x)
{
    return (x.array() > 0.0).cast<double>();
}

/// Eight coordinates, the third at z: near or on the kink of its ReLU.
Vector kinked_point(double z)
{
    return vec({0.7, -1.2, z, 2.0, -0.4, 1.1, -2.5, 0.3});
}

// [gc_kink]
BOOST_AUTO_TEST_CASE(kink_within_a_step_is_skipped, *utf::label("gc_kink"))
{
    CheckOptions options;
    options.kink_pattern = relu_pattern;
    for (double z : {1e-9, 0.0}) { // within every oracle's step of the kink, and on it
        const Vector x = kinked_point(z);
        for (Oracle oracle : all_oracles) {
            const CheckResult r = gradcheck::check_gradient(
                "gc_kink", sum_relu, x, relu_gradient(x), oracle, options);
            BOOST_TEST(r.skipped == 1);
            expect_verified(
                r, "Σ relu(xᵢ), 8 inputs; x₂ = " +
                       (z == 0.0 ? std::string("0, on its kink")
                                 : gradcheck::format_number(z) + ", next to its kink"));
        }
    }
}
// [gc_kink]

BOOST_AUTO_TEST_CASE(kink_without_pattern_fails, *utf::label("gc_kink_without_pattern"))
{
    for (double z : {3e-6, 0.0})
        verification::expect_gradient_rejected(
            "gc_kink_without_pattern",
            "the right gradient, checked without the kink pattern: the difference "
            "straddles the kink of x₂ and measures a chord",
            sum_relu, relu_gradient,
            at(kinked_point(z),
               "Σ relu(xᵢ), 8 inputs; x₂ = " + gradcheck::format_number(z)),
            {Oracle::central_difference});
}

BOOST_AUTO_TEST_CASE(too_many_kinks_fail, *utf::label("gc_too_many_kinks"))
{
    // Three of eight coordinates at a kink: more than the quarter the checker may skip.
    Vector x = kinked_point(3e-6);
    x(1) = -1e-7;
    x(4) = 0.0;
    CheckOptions options;
    options.kink_pattern = relu_pattern;
    const CheckResult r =
        gradcheck::check_gradient("gc_too_many_kinks", sum_relu, x, relu_gradient(x),
                                  Oracle::central_difference, options);
    BOOST_TEST(r.skipped == 3);
    expect_verdict(r, Verdict::too_many_kinks, "Σ relu(xᵢ), 8 inputs, 3 at a kink",
                   "three of eight coordinates at a kink: more than the quarter the "
                   "checker may skip, so the check proves too little");
}

BOOST_AUTO_TEST_CASE(tie_in_max_is_skipped, *utf::label("gc_kink"))
{
    // x0 and x3 tie for the maximum: max routes the gradient to the first of them.
    const Vector x = vec({1.5, -0.2, 0.4, 1.5, 0.9, -1.1, 0.0, 1.2});
    Vector g = x;
    g(arg_max(x)) += 1.0;
    CheckOptions options;
    options.kink_pattern = max_pattern;
    const CheckResult r = gradcheck::check_gradient(
        "gc_kink", max_plus_square, x, g, Oracle::central_difference, options);
    BOOST_TEST(r.skipped == 2);
    expect_verified(r, "max xᵢ + ½‖x‖², 8 inputs; x₀ and x₃ tied at 1.5");
}

// [gc_relu_convention]
BOOST_AUTO_TEST_CASE(infinitesimal_oracles_follow_the_branch,
                     *utf::label("gc_relu_convention"))
{
    // On the kink they report the branch the code takes, ReLU'(0) = 0; next to it
    // they are exact, because they never leave x.
    for (Oracle oracle : {Oracle::complex_step, Oracle::autodiff}) {
        for (double z : {0.0, 3e-6}) {
            const Vector x = kinked_point(z);
            const Matrix jacobian = gradcheck::numerical_jacobian(oracle, sum_relu, x);
            expect_within("gc_relu_convention",
                          std::string(gradcheck::name(oracle)) +
                              " at x = " + gradcheck::format_number(z),
                          std::abs(jacobian(0, 2) - (z > 0.0 ? 1.0 : 0.0)), 0.0);
        }
    }
}
// [gc_relu_convention]

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(taylor_remainder)

const Vector u_taylor = vec({0.6, -0.8});
const std::string taylor_at = elementary_at + "; along u = " + show(u_taylor);

// [gc_taylor]
BOOST_AUTO_TEST_CASE(right_gradient_has_slope_two, *utf::label("gc_taylor"))
{
    const Vector g = elementary_gradient(x_elementary);
    expect_verified(
        gradcheck::taylor_check("gc_taylor", elementary, x_elementary, g, u_taylor),
        taylor_at);
}

BOOST_AUTO_TEST_CASE(wrong_gradient_has_slope_one, *utf::label("gc_taylor_wrong"))
{
    Vector g = elementary_gradient(x_elementary);
    g(0) *= 2;
    expect_rejected(gradcheck::taylor_check("gc_taylor_wrong", elementary, x_elementary,
                                            g, u_taylor),
                    taylor_at, "∇e with its first entry doubled");
}
// [gc_taylor]

BOOST_AUTO_TEST_CASE(non_finite_gradient_fails, *utf::label("gc_non_finite"))
{
    Vector g = elementary_gradient(x_elementary);
    g(0) = std::numeric_limits<double>::quiet_NaN();
    verification::expect_no_slope(
        gradcheck::taylor_check("gc_non_finite", elementary, x_elementary, g, u_taylor),
        taylor_at + "; ∇e with entry 0 NaN",
        "a NaN in the gradient: the Taylor test fits no slope to it");
}

// [gc_blind_spot]
BOOST_AUTO_TEST_CASE(taylor_cannot_see_across_its_direction,
                     *utf::label("gc_blind_spot_taylor"))
{
    // An error orthogonal to u leaves u^T g unchanged: one direction, one number.
    const Vector wrong = elementary_gradient(x_elementary) + 0.5 * vec({0.8, 0.6});
    verification::expect_blind_spot(
        gradcheck::taylor_check("gc_blind_spot_taylor", elementary, x_elementary, wrong,
                                u_taylor),
        taylor_at,
        "∇e + 0.5 [0.8, 0.6], an error orthogonal to u: the Taylor test sees only uᵀg");
}

BOOST_AUTO_TEST_CASE(a_check_sees_one_point, *utf::label("gc_blind_spot_point") *
                                                 utf::label("gc_blind_spot_elsewhere"))
{
    // d/dx x^3 written as 3x: right at x = 1 only.
    const auto cube = [](const auto& x) -> scalar_of<decltype(x)> {
        return x(0) * x(0) * x(0);
    };
    const auto wrong = [](const Vector& x) { return Vector(3 * x); };
    verification::expect_gradient_blind_spot(
        "gc_blind_spot_point", "3x for the derivative of x³: right at x = 1 only", cube,
        wrong, at(Vector::Constant(1, 1.0), "x = 1"), {Oracle::central_difference});
    verification::expect_gradient_rejected(
        "gc_blind_spot_elsewhere", "3x for the derivative of x³, away from x = 1", cube,
        wrong, at(Vector::Constant(1, 1.5), "x = 1.5"), {Oracle::central_difference});
}
// [gc_blind_spot]

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(checks_that_scale)

// A 100-90-10 network with a batch of 4: n = 10,000 parameters in four tensors.
struct Network {
    Vector theta;
    tanh_mlp::Net net = tanh_mlp::make_net(100, 90, 10, 4, 11, theta);
    Vector g = tanh_mlp::gradient(net, theta);

    // J(theta) on any scalar type, as the oracles call it.
    auto f() const
    {
        return [this](const auto& t) {
            return tanh_mlp::loss<scalar_of<decltype(t)>>(net, t);
        };
    }
};

constexpr int k = 3;                 // directions per directional check
constexpr std::uint64_t seed = 2024; // of every sampled check below
const std::string network_at =
    "a 100-90-10 tanh network, batch of 4: 10,000 parameters";

BOOST_AUTO_TEST_CASE(directions_are_the_same_everywhere,
                     *utf::label("gc_random_direction"))
{
    // The C++ standard fixes the 10000th draw of a default-seeded mt19937_64 at
    // 9981545732273789042; mapped by 2^-52 (draw >> 11) - 1 it is this number, on
    // every standard library.
    const Matrix u =
        gradcheck::random_directions(10000, 1, std::mt19937_64::default_seed);
    expect_within("gc_random_direction", "entry 10000 against the standard's draw",
                  std::abs(u(9999, 0) - 0.08220135676946572), 0.0);
    expect_within("gc_random_direction", "entries outside [-1, 1)",
                  static_cast<double>((u.array() < -1.0 || u.array() >= 1.0).count()),
                  0.0);
}

// [test_directional]
BOOST_AUTO_TEST_CASE(directional_passes_a_right_gradient, *utf::label("gc_directional"))
{
    const Network n;
    for (Oracle oracle : all_oracles)
        expect_verified(gradcheck::check_directional("gc_directional", n.f(), n.theta,
                                                     n.g, oracle, k, seed),
                        network_at);
}

BOOST_AUTO_TEST_CASE(directional_rejects_one_wrong_tensor,
                     *utf::label("gc_directional_wrong_tensor"))
{
    // The batch mean taken twice in db2 (10 of the 10,000 entries): delta2 already
    // holds the 1/B.
    const Network n;
    Vector wrong = n.g;
    n.net.layout.view(wrong, "b2") /= 4.0;
    for (Oracle oracle : all_oracles)
        expect_rejected(gradcheck::check_directional("gc_directional_wrong_tensor",
                                                     n.f(), n.theta, wrong, oracle, k,
                                                     seed),
                        network_at,
                        "the batch mean taken twice in b₂: 10 of the 10,000 entries "
                        "a quarter of their value");
}
// [test_directional]

BOOST_AUTO_TEST_CASE(directional_is_not_loose, *utf::label("gc_directional_not_loose"))
{
    // Every entry off by a relative 1e-9: far below what a difference can see, far
    // above the rounding of the exact oracles.
    const Network n;
    const Vector wrong = n.g * (1.0 + 1e-9);
    for (Oracle oracle : {Oracle::complex_step, Oracle::autodiff})
        expect_rejected(gradcheck::check_directional("gc_directional_not_loose", n.f(),
                                                     n.theta, wrong, oracle, k, seed),
                        network_at,
                        "every entry of the gradient off by a relative 10⁻⁹");
}

// [test_directional_cancellation]
BOOST_AUTO_TEST_CASE(cancellation_is_judged_by_its_terms,
                     *utf::label("gc_directional_tolerance"))
{
    // f(x) = c^T x with entries of c near 1000, and c orthogonal to the first sampled
    // direction: u^T c cancels to its rounding, a few ulps of sum_i |u_i c_i|.
    const Eigen::Index size = 10000;
    const Vector u = gradcheck::random_directions(size, 1, seed).col(0);
    const Vector v = 1000.0 * gradcheck::random_directions(size, 1, seed + 1).col(0);
    const Vector c = v - (u.dot(v) / u.squaredNorm()) * u;
    const auto linear = [&c](const auto& x) {
        using T = scalar_of<decltype(x)>;
        T sum(0);
        for (Eigen::Index i = 0; i < x.size(); ++i) // in order: not Eigen's dot
            sum += T(c(i)) * x(i);
        return sum;
    };
    const Vector x = gradcheck::random_directions(size, 1, seed + 2).col(0);
    for (Oracle oracle : {Oracle::complex_step, Oracle::autodiff})
        expect_verified(gradcheck::check_directional("gc_directional_tolerance", linear,
                                                     x, c, oracle, 1, seed),
                        "f = cᵀx, 10,000 inputs, c orthogonal to the direction");
}
// [test_directional_cancellation]

BOOST_AUTO_TEST_CASE(step_scales_with_x_along_u, *utf::label("gc_direction_step"))
{
    // The cubes of step_scales_with_the_coordinate at x_i near 1e8: an absolute step
    // would drown the difference in the rounding of f ~ 1e26.
    const Vector x = 1e8 * (Vector::Constant(1000, 1.5) +
                            0.5 * gradcheck::random_directions(1000, 1, seed).col(0));
    const Vector gradient = x.cwiseProduct(x);
    for (Oracle oracle : {Oracle::central_difference, Oracle::forward_difference})
        expect_verified(gradcheck::check_directional("gc_direction_step",
                                                     oracles::cubes, x, gradient,
                                                     oracle, k, seed),
                        "c = Σ xᵢ³/3, 1000 inputs between 10⁸ and 2·10⁸");
}

// [test_coordinate_subset]
BOOST_AUTO_TEST_CASE(subset_passes_a_right_gradient,
                     *utf::label("gc_coordinate_subset"))
{
    const Network n;
    for (Oracle oracle : all_oracles)
        expect_verified(gradcheck::check_coordinates("gc_coordinate_subset", n.f(),
                                                     n.net.layout, n.theta, n.g, oracle,
                                                     64, seed),
                        network_at);
}

BOOST_AUTO_TEST_CASE(subset_names_the_wrong_tensor,
                     *utf::label("gc_coordinate_subset_wrong_tensor"))
{
    const Network n;
    Vector wrong = n.g;
    n.net.layout.view(wrong, "b2") /= 4.0;
    for (Oracle oracle : all_oracles) {
        const CheckResult r = gradcheck::check_coordinates(
            "gc_coordinate_subset_wrong_tensor", n.f(), n.net.layout, n.theta, wrong,
            oracle, 64, seed);
        BOOST_TEST(r.where.rfind("b2(", 0) == 0, "the worst entry is " << r.where);
        expect_rejected(r, network_at,
                        "b₂ of the gradient a quarter of its value: the worst entry "
                        "found must be in b₂");
    }
}
// [test_coordinate_subset]

BOOST_AUTO_TEST_CASE(subset_sees_every_tensor, *utf::label("gc_coordinate_subset"))
{
    // Four coordinates of 10,000, one per tensor, whatever the seed: b2 holds 10 of
    // them and a uniform draw would miss it almost always.
    const Network n;
    double missed = 0.0;
    for (std::uint64_t s = 0; s < 20; ++s) {
        std::vector<bool> seen(n.net.layout.tensors().size(), false);
        for (Eigen::Index i : gradcheck::random_coordinates(n.net.layout, 4, s))
            seen[static_cast<std::size_t>(n.net.layout.entry(i).tensor -
                                          n.net.layout.tensors().data())] = true;
        missed += static_cast<double>(std::count(seen.begin(), seen.end(), false));
    }
    expect_within("gc_coordinate_subset",
                  "tensors missed by 20 subsets of 4 coordinates", missed, 0.0);
}

/// An error of the size of the gradient's entries, orthogonal to the k directions
/// a check with this seed samples: w minus its projection on their span.
Vector orthogonal_to_directions(Eigen::Index size)
{
    const Matrix U = gradcheck::random_directions(size, k, seed);
    const Vector w = 1e-3 * gradcheck::random_directions(size, 1, seed + 1).col(0);
    return w - U * (U.transpose() * U).ldlt().solve(U.transpose() * w);
}

// [test_directional_blind_spot]
BOOST_AUTO_TEST_CASE(directional_cannot_see_across_its_directions,
                     *utf::label("gc_directional_blind_spot"))
{
    const Network n;
    const Vector e = orthogonal_to_directions(n.theta.size());
    verification::expect_blind_spot(
        gradcheck::check_directional("gc_directional_blind_spot", n.f(), n.theta,
                                     n.g + e, Oracle::autodiff, k, seed),
        network_at,
        "an error as large as the gradient's entries, orthogonal to the three "
        "directions the check draws");
}

BOOST_AUTO_TEST_CASE(subset_sees_across_the_directions,
                     *utf::label("gc_directional_blind_spot_subset"))
{
    const Network n;
    const Vector e = orthogonal_to_directions(n.theta.size());
    expect_rejected(gradcheck::check_coordinates("gc_directional_blind_spot_subset",
                                                 n.f(), n.net.layout, n.theta, n.g + e,
                                                 Oracle::autodiff, 64, seed),
                    network_at,
                    "the same error, orthogonal to the three directions: a look at 64 "
                    "coordinates sees it");
}
// [test_directional_blind_spot]

BOOST_AUTO_TEST_CASE(layout_round_trip, *utf::label("gc_layout"))
{
    // flatten puts W2(3,1) where entry() says it is; unflatten gives the tensors back.
    gradcheck::Layout layout;
    layout.add("W1", 3, 2).add("b1", 3).add("W2", 4, 3);
    const Matrix W1 = Matrix::Random(3, 2);
    const Vector b1 = Vector::Random(3);
    Matrix W2 = Matrix::Random(4, 3);
    W2(3, 1) = 42.0;
    const Vector theta = gradcheck::flatten(layout, W1, b1, W2);
    Eigen::Index at = 0;
    theta.maxCoeff(&at);
    const std::vector<Matrix> back = gradcheck::unflatten(layout, theta);
    const double mismatch =
        (back[0] - W1).norm() + (back[1] - b1).norm() + (back[2] - W2).norm();
    expect_within("gc_layout", "flatten then unflatten", mismatch, 0.0);
    const std::string name = layout.entry(at).to_string();
    verification::Row row;
    row.method = "the name of the largest coordinate";
    row.input = "W1 (3 × 2), b1 (3), W2 (4 × 3) with W2(3,1) = 42";
    row.measured = name;
    row.allowed = "W2(3,1)";
    row.outcome = name == "W2(3,1)" ? "passed" : "rejected";
    verification::record("gc_layout", verification::Kind::check, name == "W2(3,1)",
                         row);
    BOOST_TEST(name == "W2(3,1)");
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------
// The checker's rules, each tested so that breaking the rule flips the outcome.
// These are plain assertions: the boxes of the text come from the suites above.
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_SUITE(checker_rules)

/// A linear map z = A x with a 4 x 5 Jacobian A, no entry of it zero.
const Matrix A_linear = (Matrix(4, 5) << 1.5, -2.0, 0.7, 3.1, -0.4, //
                         0.9, 1.1, -1.3, 0.2, 2.2,                  //
                         -0.6, 0.8, 1.9, -2.7, 1.2,                 //
                         2.4, -0.3, 0.5, 1.7, -1.8)
                            .finished();
const auto linear_map = [](const auto& x) {
    using T = scalar_of<decltype(x)>;
    return gradcheck::VectorT<T>(A_linear.cast<T>() * x);
};
const Vector x_linear = vec({0.3, -1.1, 2.0, 0.7, -0.5});

/// The relative error of an entry that each oracle's tolerance must still reject:
/// five times the rtol the chapter derives, written out rather than read from
/// default_tolerance, so that a tolerance ten times looser lets it pass and fails.
double just_rejected(Oracle oracle)
{
    switch (oracle) {
    case Oracle::forward_difference:
        return 5e-5;
    case Oracle::central_difference:
        return 5e-6;
    case Oracle::complex_step:
    case Oracle::autodiff:
        return 5e-12;
    }
    return 0.0;
}

BOOST_AUTO_TEST_CASE(only_the_last_entry_wrong, *utf::label("rule_last_entry"))
{
    for (Oracle oracle : all_oracles) {
        Matrix wrong = A_linear;
        wrong(3, 4) *= 1.0 + just_rejected(oracle);
        const CheckResult r = gradcheck::check_jacobian("last entry", linear_map,
                                                        x_linear, wrong, oracle);
        BOOST_TEST((r.verdict == Verdict::exceeds_tolerance), r.summary());
        BOOST_TEST(r.comparison.row == 3);
        BOOST_TEST(r.comparison.col == 4);
        BOOST_TEST(
            gradcheck::check_jacobian("right", linear_map, x_linear, A_linear, oracle)
                .passed());
    }
}

BOOST_AUTO_TEST_CASE(each_tolerance_is_pinned, *utf::label("rule_tolerance_pinned"))
{
    // Every entry of a right gradient off by 5 rtol: rejected by every oracle.
    const Vector g = elementary_gradient(x_elementary);
    for (Oracle oracle : all_oracles) {
        const Vector off = g * (1.0 + just_rejected(oracle));
        const CheckResult r =
            gradcheck::check_gradient("pinned", elementary, x_elementary, off, oracle);
        BOOST_TEST((r.verdict == Verdict::exceeds_tolerance), r.summary());
    }
    // The exact oracles are judged a million times tighter than central differences.
    BOOST_TEST(gradcheck::default_tolerance(Oracle::complex_step).rtol <= 1e-12);
    BOOST_TEST(gradcheck::default_tolerance(Oracle::autodiff).rtol <= 1e-12);
    BOOST_TEST(gradcheck::default_tolerance(Oracle::complex_step).atol <= 1e-13);
}

BOOST_AUTO_TEST_CASE(all_zero_needs_both_sides, *utf::label("rule_all_zero"))
{
    const auto zero = [](const auto& x) -> scalar_of<decltype(x)> {
        return x.sum() - x.sum();
    }; // exactly 0, any type
    const auto sum = [](const auto& x) -> scalar_of<decltype(x)> { return x.sum(); };
    const Vector x = vec({0.5, -1.5, 2.5});
    for (Oracle oracle : all_oracles) {
        // f = 0 against a gradient of ones, and f = sum x against a zero gradient.
        BOOST_TEST(
            gradcheck::check_gradient("numeric zero", zero, x, Vector::Ones(3), oracle)
                .verdict == Verdict::exceeds_tolerance);
        BOOST_TEST(
            gradcheck::check_gradient("analytic zero", sum, x, Vector::Zero(3), oracle)
                .verdict == Verdict::exceeds_tolerance);
        const CheckResult both =
            gradcheck::check_gradient("both zero", zero, x, Vector::Zero(3), oracle);
        BOOST_TEST(both.verdict == Verdict::all_zero, both.summary());
    }
}

BOOST_AUTO_TEST_CASE(kink_probe_scales_with_the_coordinate,
                     *utf::label("rule_kink_probe"))
{
    // J = sum_i relu(x_i - c_i), kinks at c = 1e-8, 1 and 1e8. Each x_i sits 0.4 probe
    // steps from its kink (skipped), or 2 steps away (kept); the probe step is the
    // central step scaled by max(1, |x_i|).
    const Vector c = vec({1e-8, 1.0, 1e8});
    const auto shifted_relu = [&c](const auto& x) {
        using T = scalar_of<decltype(x)>;
        T sum(0);
        for (Eigen::Index i = 0; i < x.size(); ++i)
            sum += relu(T(x(i) - c(i)));
        return sum;
    };
    CheckOptions options;
    options.max_skipped_fraction = 1.0;
    options.kink_pattern = [&c](const Vector& x) {
        std::vector<long> mask;
        for (Eigen::Index i = 0; i < x.size(); ++i)
            mask.push_back(x(i) > c(i) ? 1 : 0);
        return mask;
    };
    const Vector slopes = vec({1.0, 1.0, 1.0}); // every x_i above its kink
    // (Autodiff takes the complex step's probe; GCC 12 warns falsely on this lambda
    // with dual numbers, so the infinitesimal probe is tested through the complex
    // step.)
    for (Oracle oracle : {Oracle::forward_difference, Oracle::central_difference,
                          Oracle::complex_step}) {
        // A finite difference probes with its own step; the complex step with
        // central's.
        const double h = gradcheck::default_step(
            oracle == Oracle::forward_difference ? oracle : Oracle::central_difference);
        for (double steps : {0.4, 2.0}) {
            Vector x(3);
            for (Eigen::Index i = 0; i < 3; ++i)
                x(i) = c(i) + steps * h * std::max(1.0, std::abs(c(i)));
            const CheckResult r = gradcheck::check_gradient("probe", shifted_relu, x,
                                                            slopes, oracle, options);
            BOOST_TEST(r.skipped == (steps < 1.0 ? 3 : 0), r.summary());
        }
    }
}

BOOST_AUTO_TEST_CASE(skip_budget_at_and_past_its_limit, *utf::label("rule_skip_budget"))
{
    // Eight coordinates, a quarter may be skipped: two at a kink pass, three do not.
    for (int kinked : {2, 3}) {
        Vector x = Vector::LinSpaced(8, 0.5, 4.0);
        for (int i = 0; i < kinked; ++i)
            x(i) = 1e-9; // within a step of the kink at 0
        for (Oracle oracle : all_oracles) {
            CheckOptions options;
            options.kink_pattern = relu_pattern;
            Vector g = Vector::Ones(8);
            const CheckResult r =
                gradcheck::check_gradient("budget", sum_relu, x, g, oracle, options);
            BOOST_TEST(r.skipped == kinked);
            BOOST_TEST(
                (r.verdict == (kinked == 2 ? Verdict::pass : Verdict::too_many_kinks)),
                r.summary());
        }
    }
}

BOOST_AUTO_TEST_CASE(taylor_rules, *utf::label("rule_taylor"))
{
    const Vector u = vec({0.6, -0.8});
    // A linear f with its right gradient: every remainder at round-off, a pass.
    const auto linear = [](const auto& x) -> scalar_of<decltype(x)> {
        return 2.0 * x(0) - 3.0 * x(1);
    };
    const auto right =
        gradcheck::taylor_check("linear", linear, x_elementary, vec({2.0, -3.0}), u);
    BOOST_TEST((right.at_round_off && right.passed), right.summary());
    // The same f with a wrong gradient: slope 1, rejected.
    const auto wrong =
        gradcheck::taylor_check("linear", linear, x_elementary, vec({2.0, -2.0}), u);
    BOOST_TEST((!wrong.passed && std::abs(wrong.slope - 1.0) < 0.05), wrong.summary());
    // A curvature so small that only two remainders rise above round-off: no slope.
    const auto faint = [](const auto& x) -> scalar_of<decltype(x)> {
        return x(0) + x(1) + 3e-11 * (x(0) * x(0) + x(1) * x(1));
    };
    const Vector x0 = vec({0.3, -0.3});
    const Vector g0 = vec({1.0 + 6e-11 * 0.3, 1.0 - 6e-11 * 0.3});
    const auto few = gradcheck::taylor_check("faint", faint, x0, g0, u);
    BOOST_TEST(few.points == 2, few.summary());
    BOOST_TEST((!few.passed && std::isnan(few.slope)), few.summary());
    // The pass mark: slope 2 passes at 1.8, slope 1 fails.
    BOOST_TEST(right.min_slope == 1.8);
}

BOOST_AUTO_TEST_CASE(step_is_representable, *utf::label("rule_step_representable"))
{
    // x_i + h is a double, so the divisor (x_i + h) - x_i is exactly h.
    for (double xi : {0.1, 1.0 / 3.0, 3.0, -7.7, 1e-8, 1e8, 123456.789, -1e12}) {
        for (Oracle oracle : {Oracle::forward_difference, Oracle::central_difference}) {
            const double h =
                gradcheck::coordinate_step(gradcheck::default_step(oracle), xi);
            BOOST_TEST(h > 0.0);
            BOOST_TEST((xi + h) - xi == h, "x = " << xi << ", h = " << h);
            BOOST_TEST(h >= 0.5 * gradcheck::default_step(oracle) *
                                std::max(1.0, std::abs(xi)));
        }
    }
}

BOOST_AUTO_TEST_CASE(a_control_rejected_for_the_wrong_reason_fails,
                     *utf::label("rule_control_reason"))
{
    // All zero, not finite, or skipped at kinks: none of these is a rejection.
    const Vector x = vec({0.5, -1.5, 2.5});
    const auto zero = [](const auto& v) -> scalar_of<decltype(v)> {
        return v.sum() - v.sum();
    };
    const CheckResult all_zero =
        gradcheck::check_gradient("c", zero, x, Vector::Zero(3), Oracle::complex_step);
    BOOST_TEST(!verification::why_not_rejected(all_zero).empty());
    Vector nan_gradient = elementary_gradient(x_elementary);
    nan_gradient(0) = std::numeric_limits<double>::quiet_NaN();
    const CheckResult not_finite = gradcheck::check_gradient(
        "c", elementary, x_elementary, nan_gradient, Oracle::complex_step);
    BOOST_TEST(!verification::why_not_rejected(not_finite).empty());
    CheckOptions options;
    options.kink_pattern = relu_pattern;
    const Vector kinked = vec({1e-9, 1.0, 2.0, 3.0});
    const CheckResult skipped = gradcheck::check_gradient(
        "c", sum_relu, kinked, -Vector::Ones(4), Oracle::central_difference, options);
    BOOST_TEST((skipped.verdict == Verdict::exceeds_tolerance));
    BOOST_TEST(!verification::why_not_rejected(skipped).empty());
    const CheckResult real = gradcheck::check_gradient(
        "c", elementary, x_elementary, -elementary_gradient(x_elementary),
        Oracle::complex_step);
    BOOST_TEST(verification::why_not_rejected(real).empty(), real.summary());
}

BOOST_AUTO_TEST_SUITE_END()

// The chapter's exercises: each worked solution is checked like a formula of the text.
BOOST_AUTO_TEST_SUITE(exercises)

BOOST_AUTO_TEST_CASE(forward_optimum_in_closed_form,
                     *utf::label("gc_ex_forward_optimum"))
{
    // E* = 2 sqrt(eps_f |f| |f''|) / |f'| against the model evaluated at its own h*,
    // for each function of the error-model tests: two routes to the same number.
    double worst = 0.0;
    for (const error_against_step::ModelCase& c : error_against_step::model_cases) {
        const ErrorModel model = c.model(c.x);
        const double at_h_star = model.forward(model.forward_optimal_step());
        worst = std::max(worst, std::abs(model.forward_best_error() / at_h_star - 1));
    }
    expect_within("gc_ex_forward_optimum", "5 functions and points: |E* / E(h*) - 1|",
                  worst, 4 * eps);
}

// [gc_ex_cubic]
BOOST_AUTO_TEST_CASE(central_difference_of_a_cubic, *utf::label("gc_ex_cubic"))
{
    // (x + h)^3 - (x - h)^3 over 2h is 3x^2 + h^2 exactly; with x and h on a binary
    // grid every operation is exact, so the oracle must return it to the last bit.
    const auto cube = [](const auto& v) -> scalar_of<decltype(v)> {
        return v(0) * v(0) * v(0);
    };
    double worst = 0.0;
    for (double x : {0.75, 1.5, -3.0})
        for (int k : {4, 10, 16}) {
            const double h = std::ldexp(1.0, -k); // the relative step; |x| >= 0.75
            const double h_x = gradcheck::coordinate_step(h, x);
            const double d = gradcheck::central_difference_jacobian(
                cube, Vector::Constant(1, x), h)(0, 0);
            worst = std::max(worst, std::abs(d - (3 * x * x + h_x * h_x)));
        }
    expect_within("gc_ex_cubic", "max |central difference - (3x^2 + h^2)|, bitwise",
                  worst, 0.0);
}
// [gc_ex_cubic]

// [gc_ex_abs]
BOOST_AUTO_TEST_CASE(complex_step_through_abs, *utf::label("gc_ex_abs"))
{
    // f(x) = x |x| with std::abs, which on a complex number is its modulus: the
    // complex step returns |x| instead of f'(x) = 2|x|; central differences do not.
    const auto f = [](const auto& v) -> scalar_of<decltype(v)> {
        using std::abs;
        return v(0) * abs(v(0));
    };
    double complex_error = 0.0;
    double central_error = 0.0;
    for (double x : {0.5, 1.0, 2.5}) {
        const Vector at = Vector::Constant(1, x);
        const double cs = gradcheck::complex_step_jacobian(f, at)(0, 0);
        const double cd = gradcheck::central_difference_jacobian(
            f, at, gradcheck::default_step(Oracle::central_difference))(0, 0);
        complex_error = std::max(complex_error, std::abs(cs - x) / x);
        central_error = std::max(central_error, std::abs(cd - 2 * x) / (2 * x));
    }
    expect_within("gc_ex_abs", "complex step: max |result - |x|| / |x|, x > 0",
                  complex_error, eps);
    expect_within("gc_ex_abs", "central differences: max |result - 2|x|| / 2|x|",
                  central_error, 1e-9);
}
// [gc_ex_abs]

BOOST_AUTO_TEST_CASE(evaluations_per_check, *utf::label("gc_ex_cost"))
{
    // Calls of f counted for n = 7: a full central-difference gradient needs 2n, the
    // complex step n, and one direction of the directional check 2.
    const Eigen::Index n = 7;
    const Vector x = Vector::LinSpaced(n, 0.1, 0.7);
    long calls = 0;
    const auto f = [&calls](const auto& v) -> scalar_of<decltype(v)> {
        ++calls;
        return v.squaredNorm();
    };
    const auto count = [&calls](auto&& run) {
        calls = 0;
        run();
        return static_cast<double>(calls);
    };
    const double central = count([&] {
        gradcheck::central_difference_jacobian(
            f, x, gradcheck::default_step(Oracle::central_difference));
    });
    const double complex = count([&] { gradcheck::complex_step_jacobian(f, x); });
    const double direction = count([&] {
        gradcheck::derivative_along(Oracle::central_difference, f, x, Vector::Ones(n));
    });
    expect_within("gc_ex_cost", "|calls - 2n|, central differences, n = 7",
                  std::abs(central - 2.0 * n), 0.0);
    expect_within("gc_ex_cost", "|calls - n|, complex step, n = 7",
                  std::abs(complex - static_cast<double>(n)), 0.0);
    expect_within("gc_ex_cost", "|calls - 2|, one direction, central differences",
                  std::abs(direction - 2.0), 0.0);
}

BOOST_AUTO_TEST_SUITE_END()
