// Tests of the chapter "Convolution: a dense layer with zeroed and shared weights":
// the output-size formula and its errors; the forward pass against an explicitly
// padded input; the dense layer with tied weights against the forward pass; the
// gradients by the tied dense layer (source 004's sum over copies) and by the direct
// backward pass against three oracles, for a general layer, the six cases tutorials
// get wrong and a large layer (directions and sampled coordinates); the flip's
// negative controls; and the exercises.
#define BOOST_TEST_MODULE convolution
#include "support/verification.hpp"

#include "common/random.hpp"
#include "convolution/convolution.hpp"
#include "convolution/exercises.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace utf = boost::unit_test;
namespace cv = convolution;
using core::Window;
using cv::Geometry;
using cv::Matrix;
using cv::Vector;
using gradcheck::Oracle;
using verification::at;

namespace {

constexpr Oracle central = Oracle::central_difference;
constexpr Oracle complex_step = Oracle::complex_step;
constexpr Oracle autodiff = Oracle::autodiff;
const std::vector<Oracle> all_oracles = {central, complex_step, autodiff};

/// A layer, a point (V, K, b) and the loss's fixed r, all drawn from the seed.
struct Case {
    Geometry g;
    Vector V;
    Vector K;
    Vector b;
    Vector r;
    std::string where;

    Vector Z() const { return cv::forward<double>(g, V, K, b); }
    Vector G() const { return cv::upstream(Z(), r); }
    Vector theta() const { return cv::join(V, K, b); }
};

std::string describe(const Window& w)
{
    return std::to_string(w.size) + " (F " + std::to_string(w.kernel) + ", s " +
           std::to_string(w.stride) + ", p " + std::to_string(w.padding) + ", d " +
           std::to_string(w.dilation) + ")";
}

Case make_case(const Geometry& g, std::uint64_t seed = 5)
{
    std::mt19937_64 rng(seed);
    Case c{g,
           book::random_vector(rng, g.input_size(), -1.0, 1.0),
           book::random_vector(rng, g.kernel_size(), -0.8, 0.8),
           book::random_vector(rng, g.filters, -0.5, 0.5),
           book::random_vector(rng, g.output_size(), -1.0, 1.0),
           ""};
    c.where = "M " + std::to_string(g.batch) + ", D " + std::to_string(g.channels) +
              ", O " + std::to_string(g.filters) + ", rows " + describe(g.rows) +
              ", columns " + describe(g.cols) + ", entries uniform, seed " +
              std::to_string(seed);
    return c;
}

Geometry geometry(Eigen::Index M, Eigen::Index D, Eigen::Index O, Window rows,
                  Window cols)
{
    Geometry g;
    g.batch = M;
    g.channels = D;
    g.filters = O;
    g.rows = rows;
    g.cols = cols;
    return g;
}

/// The general layer: two images, two channels in, three out, every axis different.
Case general_case()
{
    return make_case(geometry(2, 2, 3, {7, 3, 2, 1, 2}, {6, 2, 1, 2, 1}));
}

/// C as a function of theta = [V, K, b].
auto C_of_theta(const Case& c)
{
    return [c](const auto& p) {
        using T = gradcheck::scalar_of<decltype(p)>;
        return cv::loss_of_theta<T>(c.g, p, c.r);
    };
}

/// C as a function of one of V, K, b, the other two held at the case's values.
enum class Of { V, K, b };
auto C_of(const Case& c, Of which)
{
    return [c, which](const auto& p) {
        using T = gradcheck::scalar_of<decltype(p)>;
        const cv::VectorT<T> V = which == Of::V ? p : c.V.cast<T>().eval();
        const cv::VectorT<T> K = which == Of::K ? p : c.K.cast<T>().eval();
        const cv::VectorT<T> b = which == Of::b ? p : c.b.cast<T>().eval();
        return cv::loss<T>(cv::forward<T>(c.g, V, K, b), c.r);
    };
}

double worst(const Vector& a, const Vector& b)
{
    return (a - b).cwiseAbs().maxCoeff();
}

/// Channel ch of image m, with the padding's zeros around it.
Matrix padded_channel(const Case& c, Eigen::Index m, Eigen::Index ch)
{
    const Window& R = c.g.rows;
    const Window& S = c.g.cols;
    Matrix P = Matrix::Zero(R.size + 2 * R.padding, S.size + 2 * S.padding);
    for (Eigen::Index y = 0; y < R.size; ++y)
        for (Eigen::Index x = 0; x < S.size; ++x)
            P(R.padding + y, S.padding + x) = c.V(c.g.v_index(m, ch, y, x));
    return P;
}

/// Output (i, j) of filter o on the padded channels, read with no bounds test.
double padded_window(const Case& c, const std::vector<Matrix>& padded, Eigen::Index o,
                     Eigen::Index i, Eigen::Index j)
{
    const Window& R = c.g.rows;
    const Window& S = c.g.cols;
    double z = c.b(o);
    for (Eigen::Index ch = 0; ch < c.g.channels; ++ch)
        for (Eigen::Index k = 0; k < R.kernel; ++k)
            for (Eigen::Index l = 0; l < S.kernel; ++l)
                z += c.K(c.g.k_index(o, ch, k, l)) *
                     padded[static_cast<std::size_t>(ch)](
                         i * R.stride + k * R.dilation, j * S.stride + l * S.dilation);
    return z;
}

/// The forward pass written another way: pad the image with zeros first, then read
/// it with no bounds test.
Vector forward_padded(const Case& c)
{
    const Geometry& g = c.g;
    Vector Z(g.output_size());
    for (Eigen::Index m = 0; m < g.batch; ++m) {
        std::vector<Matrix> padded;
        for (Eigen::Index ch = 0; ch < g.channels; ++ch)
            padded.push_back(padded_channel(c, m, ch));
        for (Eigen::Index o = 0; o < g.filters; ++o)
            for (Eigen::Index i = 0; i < g.P(); ++i)
                for (Eigen::Index j = 0; j < g.Q(); ++j)
                    Z(g.z_index(m, o, i, j)) = padded_window(c, padded, o, i, j);
    }
    return Z;
}

/// The kernel rotated by 180 degrees in each (o, c) slice.
Vector rot180(const Geometry& g, const Vector& K)
{
    Vector R(K.size());
    for (Eigen::Index o = 0; o < g.filters; ++o)
        for (Eigen::Index c = 0; c < g.channels; ++c)
            for (Eigen::Index k = 0; k < g.rows.kernel; ++k)
                for (Eigen::Index l = 0; l < g.cols.kernel; ++l)
                    R(g.k_index(o, c, k, l)) = K(
                        g.k_index(o, c, g.rows.kernel - 1 - k, g.cols.kernel - 1 - l));
    return R;
}

/// Every window with n from n_low to n_max and F, s, p, d up to their limits (p
/// from 0, the others from 1).
std::vector<Window> small_windows(Eigen::Index n_low, Eigen::Index n_max,
                                  Eigen::Index F_max, Eigen::Index s_max,
                                  Eigen::Index p_max, Eigen::Index d_max)
{
    std::vector<Window> all;
    for (Eigen::Index n = n_low; n <= n_max; ++n)
        for (Eigen::Index F = 1; F <= F_max; ++F)
            for (Eigen::Index s = 1; s <= s_max; ++s)
                for (Eigen::Index p = 0; p <= p_max; ++p)
                    for (Eigen::Index d = 1; d <= d_max; ++d)
                        all.push_back({n, F, s, p, d});
    return all;
}

/// Every gradient of the case c under `label`: [dV, dK, db] of the direct pass by
/// all oracles (full gradient), and the tied dense layer against the direct pass.
void verify_case(const std::string& label, const Case& c)
{
    const Vector G = c.G();
    const cv::Gradients direct = cv::backward(c.g, c.V, c.K, G);
    verification::expect_gradient_verified(
        label, C_of_theta(c), [&](const Vector&) { return cv::join(direct); },
        at(c.theta(), "[V, K, b], " + c.where), all_oracles);
    const cv::Gradients tied = cv::by_ties(c.g, c.V, c.K, G);
    const double gap = std::max({worst(tied.dV, direct.dV), worst(tied.dK, direct.dK),
                                 worst(tied.db, direct.db)});
    verification::expect_within(label, "max |tied dense − direct|, " + c.where, gap,
                                1e-13);
}

} // namespace

// ---------------------------------------------------------------------------
// Sizes
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(output_size_formula, *utf::label("cv_output_size"))
{
    // floor((n + 2p - d(F - 1) - 1) / s) + 1 against counting the windows that fit:
    // i = 0, 1, ... while i s + d (F - 1) <= n + 2p - 1, for every small geometry.
    long mismatches = 0;
    long tried = 0;
    for (const Window& w : small_windows(1, 9, 5, 4, 3, 3)) {
        Eigen::Index count = 0;
        while (count * w.stride + w.dilation * (w.kernel - 1) <=
               w.size + 2 * w.padding - 1)
            ++count;
        if (count == 0) {
            BOOST_CHECK_THROW(core::output_size("test", w), std::invalid_argument);
            continue;
        }
        ++tried;
        mismatches += core::output_size("test", w) == count ? 0 : 1;
    }
    verification::expect_within(
        "cv_output_size",
        "geometries whose size differs from the count of windows, of " +
            std::to_string(tried) + " with n ≤ 9, F ≤ 5, s ≤ 4, p ≤ 3, d ≤ 3",
        static_cast<double>(mismatches), 0.0);
}

BOOST_AUTO_TEST_CASE(output_size_errors, *utf::label("cv_output_size"))
{
    // One clear error for each impossible geometry; the tightest fit is accepted.
    const std::vector<Window> bad = {
        {4, 5, 1, 0, 1},  // a kernel larger than the input, no padding
        {4, 3, 0, 0, 1},  // stride 0
        {6, 3, 1, -1, 1}, // negative padding, though a window would fit
        {4, 3, 1, 0, 0},  // dilation 0
        {4, 2, 1, 0, 4},  // the dilated kernel spans 5 > 4
        {0, 1, 1, 0, 1},  // an empty input
    };
    long thrown = 0;
    for (const Window& w : bad) {
        try {
            core::output_size("layer", w);
        } catch (const std::invalid_argument& e) {
            const std::string what = e.what();
            thrown += what.rfind("layer: ", 0) == 0 ? 1 : 0;
        }
    }
    verification::expect_within(
        "cv_output_size",
        "impossible geometries not rejected with a message "
        "naming the layer, of " +
            std::to_string(bad.size()),
        static_cast<double>(bad.size()) - static_cast<double>(thrown), 0.0);
    const Window tight{4, 4, 1, 0, 1}; // the kernel as large as the input: one output
    const Window padded{4, 5, 1, 1, 1};
    verification::expect_within(
        "cv_output_size", "|P − 1| for F = n = 4, plus |P − 2| for F = 5, n = 4, p = 1",
        std::abs(static_cast<double>(core::output_size("t", tight)) - 1.0) +
            std::abs(static_cast<double>(core::output_size("t", padded)) - 2.0),
        0.0);
}

// ---------------------------------------------------------------------------
// The forward pass, and the dense layer with zeroed and tied weights
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(forward_pass, *utf::label("cv_forward"))
{
    const Case c = general_case();
    verification::expect_within(
        "cv_forward", "max |Z − Z of the explicitly padded input|, " + c.where,
        worst(c.Z(), forward_padded(c)), 1e-14);
}

BOOST_AUTO_TEST_CASE(dense_layer, *utf::label("cv_dense"))
{
    // z = W v + b of each image equals the convolution, and W's nonzero entries are
    // copies of kernel weights: the tie map says which.
    const Case c = general_case();
    const cv::Dense d = cv::dense(c.g, c.K);
    const Vector Z = c.Z();
    const Eigen::Index PQ = c.g.P() * c.g.Q();
    double gap = 0.0;
    for (Eigen::Index m = 0; m < c.g.batch; ++m) {
        Vector bias(d.W.rows());
        for (Eigen::Index r = 0; r < d.W.rows(); ++r)
            bias(r) = c.b(r / PQ);
        const Vector z = d.W * c.V.segment(m * d.W.cols(), d.W.cols()) + bias;
        gap = std::max(gap, worst(z, Z.segment(m * d.W.rows(), d.W.rows())));
    }
    verification::expect_within("cv_dense", "max |W v + b − Z|, " + c.where, gap,
                                1e-14);
    double untied = 0.0; // |W(r, q) - K(tie)| where tied, |W(r, q)| where not
    for (Eigen::Index q = 0; q < d.W.cols(); ++q)
        for (Eigen::Index r = 0; r < d.W.rows(); ++r)
            untied =
                std::max(untied, std::abs(d.W(r, q) -
                                          (d.tie(r, q) >= 0 ? c.K(d.tie(r, q)) : 0.0)));
    verification::expect_within("cv_dense", "max |W(r, q) − its tied weight|", untied,
                                0.0);
}

BOOST_AUTO_TEST_CASE(tied_gradients, *utf::label("cv_ties"))
{
    // Source 004's route: untie, take delta v^T and W^T delta, sum per tie.
    const Case c = general_case();
    const cv::Gradients tied = cv::by_ties(c.g, c.V, c.K, c.G());
    verification::expect_gradient_verified(
        "cv_ties", C_of_theta(c), [&](const Vector&) { return cv::join(tied); },
        at(c.theta(), "[V, K, b], " + c.where), all_oracles);
}

// ---------------------------------------------------------------------------
// The direct backward pass
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(kernel_gradient, *utf::label("cv_dK"))
{
    const Case c = general_case();
    verification::expect_gradient_verified(
        "cv_dK", C_of(c, Of::K),
        [&](const Vector&) { return cv::dC_dK(c.g, c.V, c.G()); },
        at(c.K, "K, " + c.where), all_oracles);
}

BOOST_AUTO_TEST_CASE(input_gradient, *utf::label("cv_dV"))
{
    const Case c = general_case();
    verification::expect_gradient_verified(
        "cv_dV", C_of(c, Of::V),
        [&](const Vector&) { return cv::dC_dV(c.g, c.K, c.G()); },
        at(c.V, "V, " + c.where), all_oracles);
}

BOOST_AUTO_TEST_CASE(bias_gradient, *utf::label("cv_db"))
{
    const Case c = general_case();
    verification::expect_gradient_verified(
        "cv_db", C_of(c, Of::b), [&](const Vector&) { return cv::dC_db(c.g, c.G()); },
        at(c.b, "b, " + c.where), all_oracles);
}

BOOST_AUTO_TEST_CASE(flip_controls, *utf::label("cv_flip"))
{
    // The deep-learning "convolution" is a cross-correlation. Two flips in the wrong
    // place: dC/dV with the kernel not rotated, and the kernel gradient of the true
    // convolution (the flipped kernel's gradient, rotated back), both rejected.
    const Case c = general_case();
    const Vector G = c.G();
    verification::expect_gradient_rejected(
        "cv_flip", "dC/dV correlating G with K itself, not K rotated by 180°",
        C_of(c, Of::V),
        [&](const Vector&) { return cv::dC_dV(c.g, rot180(c.g, c.K), G); },
        at(c.V, "V, " + c.where), all_oracles);
    verification::expect_gradient_rejected(
        "cv_flip", "the kernel gradient of the true convolution, rot180(dC/dK)",
        C_of(c, Of::K),
        [&](const Vector&) { return rot180(c.g, cv::dC_dK(c.g, c.V, G)); },
        at(c.K, "K, " + c.where), all_oracles);
}

// ---------------------------------------------------------------------------
// The cases tutorials get wrong
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(stride_two, *utf::label("cv_stride"))
{
    verify_case("cv_stride",
                make_case(geometry(1, 2, 2, {7, 3, 2, 0, 1}, {5, 3, 2, 0, 1})));
    verify_case("cv_stride",
                make_case(geometry(1, 1, 1, {9, 2, 3, 1, 1}, {6, 2, 3, 1, 1})));
}

BOOST_AUTO_TEST_CASE(padding_zero, *utf::label("cv_padding_zero"))
{
    // No padding: the crop by p keeps every row (a slice [p:-p] would keep none).
    verify_case("cv_padding_zero",
                make_case(geometry(2, 1, 2, {5, 3, 1, 0, 1}, {4, 2, 1, 0, 1})));
}

BOOST_AUTO_TEST_CASE(uneven_stride, *utf::label("cv_uneven"))
{
    // n + 2p - F = 6 - 3 = 3 rows and 5 - 2 = 3 columns are not multiples of s = 2:
    // the windows stop one entry short, and the image's last row and column, never
    // read by the forward pass, get no gradient.
    const Case c = make_case(geometry(1, 2, 2, {6, 3, 2, 0, 1}, {5, 2, 2, 0, 1}));
    verify_case("cv_uneven", c);
    const Vector dV = cv::dC_dV(c.g, c.K, c.G());
    double unread = 0.0;
    for (Eigen::Index ch = 0; ch < c.g.channels; ++ch)
        for (Eigen::Index x = 0; x < c.g.cols.size; ++x)
            unread = std::max(unread, std::abs(dV(c.g.v_index(0, ch, 5, x))));
    for (Eigen::Index ch = 0; ch < c.g.channels; ++ch) // and the last column
        for (Eigen::Index y = 0; y < c.g.rows.size; ++y)
            unread = std::max(unread, std::abs(dV(c.g.v_index(0, ch, y, 4))));
    verification::expect_within(
        "cv_uneven", "max |dC/dV| on the last row and column, never read", unread, 0.0);
}

BOOST_AUTO_TEST_CASE(dilation_two, *utf::label("cv_dilation"))
{
    verify_case("cv_dilation",
                make_case(geometry(1, 2, 2, {8, 3, 1, 1, 2}, {7, 2, 2, 0, 3})));
}

BOOST_AUTO_TEST_CASE(one_by_one, *utf::label("cv_one_by_one"))
{
    verify_case("cv_one_by_one",
                make_case(geometry(2, 3, 2, {4, 1, 1, 0, 1}, {3, 1, 1, 0, 1})));
}

BOOST_AUTO_TEST_CASE(whole_kernel, *utf::label("cv_whole_kernel"))
{
    // F = n: one output per channel, a dense layer with no sharing at all.
    verify_case("cv_whole_kernel",
                make_case(geometry(2, 2, 3, {4, 4, 1, 0, 1}, {3, 3, 1, 0, 1})));
}

// ---------------------------------------------------------------------------
// A layer of realistic size: directions and sampled coordinates
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(large_layer, *utf::label("cv_large"))
{
    const Case c = make_case(geometry(2, 3, 4, {20, 3, 2, 1, 2}, {18, 3, 2, 1, 1}), 9);
    const Vector theta = c.theta();
    const Vector g = cv::join(cv::backward(c.g, c.V, c.K, c.G()));
    const std::string where = std::to_string(theta.size()) + " parameters; " + c.where;
    for (Oracle oracle : all_oracles)
        verification::expect_verified(gradcheck::check_directional("cv_large",
                                                                   C_of_theta(c), theta,
                                                                   g, oracle, 3, 2026),
                                      where);
    core::Layout layout;
    layout.add("V", c.V.size()).add("K", c.K.size()).add("b", c.b.size());
    for (Oracle oracle : {central, complex_step})
        verification::expect_verified(
            gradcheck::check_coordinates("cv_large", C_of_theta(c), layout, theta, g,
                                         oracle, 64, 2026),
            where);
}

// ---------------------------------------------------------------------------
// Exercises
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(exercise_1x1, *utf::label("cv_ex_1x1"))
{
    const Case c = make_case(geometry(2, 3, 2, {4, 1, 1, 0, 1}, {3, 1, 1, 0, 1}));
    verification::expect_gradient_verified(
        "cv_ex_1x1", C_of(c, Of::K),
        [&](const Vector&) { return cv::exercises::dC_dK_1x1(c.g, c.V, c.G()); },
        at(c.K, "K, " + c.where), all_oracles);
}

BOOST_AUTO_TEST_CASE(exercise_stride_one, *utf::label("cv_ex_stride_one"))
{
    const Case c = make_case(geometry(1, 2, 2, {8, 3, 3, 1, 1}, {7, 2, 2, 0, 2}));
    verification::expect_gradient_verified(
        "cv_ex_stride_one", C_of(c, Of::V),
        [&](const Vector&) { return cv::exercises::dV_by_stride_one(c.g, c.K, c.G()); },
        at(c.V, "V, " + c.where), all_oracles);
}

BOOST_AUTO_TEST_CASE(exercise_copies, *utf::label("cv_ex_copies"))
{
    // The closed form against the copies counted in the dense W's tie map.
    long wrong = 0;
    long tried = 0;
    for (const Window& w : small_windows(2, 7, 3, 3, 2, 2)) {
        if (w.size + 2 * w.padding < w.span())
            continue;
        const Geometry g = geometry(1, 1, 1, w, {1, 1, 1, 0, 1});
        const cv::Dense D = cv::dense(g, Vector::Ones(w.kernel));
        for (int k = 0; k < static_cast<int>(w.kernel); ++k) {
            const Eigen::Index counted = (D.tie.array() == k).count();
            wrong += counted == cv::exercises::copies(w, k) ? 0 : 1;
            ++tried;
        }
    }
    verification::expect_within("cv_ex_copies",
                                "taps whose copies differ from the count in W's tie "
                                "map, of " +
                                    std::to_string(tried),
                                static_cast<double>(wrong), 0.0);
}
