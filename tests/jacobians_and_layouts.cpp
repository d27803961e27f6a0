// Tests of the chapter "Jacobians and layouts": every Jacobian and every gradient
// through delta against at least two numerical oracles, the table of layouts
// against the shapes the formulas return, and a transpose that the shapes cannot see
// as a negative control.
#define BOOST_TEST_MODULE jacobians_and_layouts
#include "support/vec.hpp"
#include "support/verification.hpp"

#include "jacobians_and_layouts/exercises.hpp"
#include "jacobians_and_layouts/jacobians_and_layouts.hpp"

#include <cmath>
#include <string>

namespace utf = boost::unit_test;
namespace jl = jacobians_and_layouts;
using gradcheck::Oracle;
using jl::Matrix;
using jl::RowVector;
using jl::Vector;
using verification::at;
using verification::show;

namespace {

constexpr Oracle central = Oracle::central_difference;
constexpr Oracle complex_step = Oracle::complex_step;
constexpr Oracle autodiff = Oracle::autodiff;

/// The test point: x of m = 4 entries, z of n = 3, W (3 x 4) and V (4 x 3) with no
/// entry equal to another, g = delta for J = g^T z.
const Vector x = vec({0.7, -1.3, 0.4, 2.1});
const Vector g = vec({0.5, -2.0, 1.5});
Matrix make_W()
{
    Matrix W(3, 4);
    W << 0.9, -0.4, 1.3, 0.2, //
        -1.1, 0.6, 0.3, -0.8, //
        0.5, 1.7, -0.2, 0.4;
    return W;
}
const Matrix W = make_W();
const Matrix V = W.transpose() * 1.5 - Matrix::Constant(4, 3, 0.1); // z = xV

Vector flat(const Matrix& A)
{
    return Eigen::Map<const Vector>(A.data(), A.size());
}

std::string W_and_x()
{
    return "x = " + show(x) + "; W 3 × 4 fixed";
}

std::string W_at(const std::string& what)
{
    return "W 3 × 4 as one vector; x = " + show(x) + "; " + what;
}

/// The maps the oracles differentiate: generic lambdas on double, complex, dual.
const auto Wx = [](const auto& v) { return jl::z_Wx(W, v); };
const auto xV = [](const auto& v) { return jl::z_xW(V, v); };
const auto tanh_map = [](const auto& v) { return jl::z_tanh(v); };
const auto identity_map = [](const auto& v) { return v; };

/// J = g^T (W x) as a function of the flat W (column by column).
const auto J_W = [](const auto& theta) {
    return jl::J_of_W(jl::unflatten_W(theta, 3, 4), x, g);
};
/// J = (x V) g as a function of the flat V (x a row).
const auto J_V = [](const auto& theta) {
    return jl::J_of_W_row(jl::unflatten_W(theta, 4, 3), x, g);
};

} // namespace

// ---------------------------------------------------------------------------
// The four Jacobians
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(jacobian_of_Wx, *utf::label("jl_Wx"))
{
    verification::expect_jacobian_verified(
        "jl_Wx", Wx, [](const Vector&) { return jl::dz_dx_Wx(W); }, at(x, W_and_x()),
        {central, complex_step, autodiff});
}

BOOST_AUTO_TEST_CASE(jacobian_of_xW, *utf::label("jl_xW"))
{
    verification::expect_jacobian_verified(
        "jl_xW", xV, [](const Vector&) { return jl::dz_dx_xW(V); },
        at(x, "x = " + show(x) + " (a row); W 4 × 3 fixed"),
        {central, complex_step, autodiff});
}

BOOST_AUTO_TEST_CASE(jacobian_of_identity, *utf::label("jl_identity"))
{
    verification::expect_jacobian_verified(
        "jl_identity", identity_map,
        [](const Vector& v) { return jl::dz_dx_identity(v.size()); },
        at(x, "x = " + show(x)), {central, complex_step, autodiff});
}

BOOST_AUTO_TEST_CASE(jacobian_of_elementwise, *utf::label("jl_elementwise"))
{
    verification::expect_jacobian_verified(
        "jl_elementwise", tanh_map, [](const Vector& v) { return jl::dz_dx_tanh(v); },
        at(x, "x = " + show(x) + ", f = tanh"), {central, complex_step, autodiff});
}

// ---------------------------------------------------------------------------
// Gradients through delta, W flattened
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(gradient_numerator_layout, *utf::label("jl_dJ_dW_numerator"))
{
    verification::expect_gradient_verified(
        "jl_dJ_dW_numerator", J_W,
        [](const Vector&) { return flat(jl::dJ_dW_numerator(g.transpose(), x)); },
        at(flat(W), W_at("J = gᵀz, δ = gᵀ = " + show(g) + " a row")),
        {central, complex_step, autodiff});
}

BOOST_AUTO_TEST_CASE(gradient_shape_convention, *utf::label("jl_dJ_dW"))
{
    verification::expect_gradient_verified(
        "jl_dJ_dW", J_W, [](const Vector&) { return flat(jl::dJ_dW(g, x)); },
        at(flat(W), W_at("J = gᵀz, δ = g = " + show(g))),
        {central, complex_step, autodiff});
}

BOOST_AUTO_TEST_CASE(gradient_row_vectors, *utf::label("jl_dJ_dW_row"))
{
    verification::expect_gradient_verified(
        "jl_dJ_dW_row", J_V,
        [](const Vector&) { return flat(jl::dJ_dW_row(x.transpose(), g.transpose())); },
        at(flat(V), "W 4 × 3 as one vector; x = " + show(x) + " a row; J = z g"),
        {central, complex_step, autodiff});
}

BOOST_AUTO_TEST_CASE(gradient_wrt_x, *utf::label("jl_dJ_dx"))
{
    // J = g^T W x and J = (x V) g as functions of x; each convention's dJ/dx, read
    // as a column, is the gradient.
    const auto J_x = [](const auto& v) {
        using T = gradcheck::scalar_of<decltype(v)>;
        const jl::VectorT<T> z = jl::z_Wx(W, v);
        T J(0.0);
        for (Eigen::Index i = 0; i < z.size(); ++i)
            J += g(i) * z(i);
        return J;
    };
    const auto J_x_row = [](const auto& v) {
        using T = gradcheck::scalar_of<decltype(v)>;
        const jl::VectorT<T> z = jl::z_xW(V, v);
        T J(0.0);
        for (Eigen::Index i = 0; i < z.size(); ++i)
            J += z(i) * g(i);
        return J;
    };
    const auto input = at(x, "x = " + show(x) + "; δ = " + show(g));
    verification::expect_gradient_verified(
        "jl_dJ_dx", J_x,
        [](const Vector&) {
            return Vector(jl::dJ_dx_numerator(g.transpose(), W).transpose());
        },
        input, {central, autodiff});
    verification::expect_gradient_verified(
        "jl_dJ_dx", J_x, [](const Vector&) { return jl::dJ_dx(g, W); }, input,
        {central, autodiff});
    verification::expect_gradient_verified(
        "jl_dJ_dx", J_x_row,
        [](const Vector&) {
            return Vector(jl::dJ_dx_row(g.transpose(), V).transpose());
        },
        input, {central, autodiff});
}

// ---------------------------------------------------------------------------
// The table of layouts and the shape rule
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(table_of_layouts, *utf::label("jl_layouts"))
{
    // The shapes the table states against the shapes the checked formulas return,
    // for several m != n; and z, x, delta of each layout against the forward code.
    int mismatches = 0;
    int compared = 0;
    const auto expect = [&](const jl::Shape& stated, const Matrix& A) {
        ++compared;
        if (!(stated == jl::Shape{A.rows(), A.cols()}))
            ++mismatches;
    };
    for (Eigen::Index m : {2, 4, 5})
        for (Eigen::Index n : {3, 6}) {
            const Vector xs = Vector::LinSpaced(m, -1.0, 1.0);
            const Vector gs = Vector::LinSpaced(n, 0.5, 1.5);
            const Matrix Ws = Matrix::Constant(n, m, 0.3);
            const Matrix Vs = Ws.transpose();
            const jl::Layout num = jl::layout_of(jl::Convention::numerator, m, n);
            expect(num.x, xs);
            expect(num.W, Ws);
            expect(num.delta, gs.transpose());
            expect(num.dJ_dx, jl::dJ_dx_numerator(gs.transpose(), Ws));
            expect(num.dJ_dW, jl::dJ_dW_numerator(gs.transpose(), xs));
            const jl::Layout shape = jl::layout_of(jl::Convention::shape, m, n);
            expect(shape.x, xs);
            expect(shape.W, Ws);
            expect(shape.delta, jl::z_Wx<double>(Ws, xs));
            expect(shape.dJ_dx, jl::dJ_dx(gs, Ws));
            expect(shape.dJ_dW, jl::dJ_dW(gs, xs));
            const jl::Layout row = jl::layout_of(jl::Convention::row, m, n);
            expect(row.x, xs.transpose());
            expect(row.W, Vs);
            expect(row.delta, jl::z_xW<double>(Vs, xs).transpose());
            expect(row.dJ_dx, jl::dJ_dx_row(gs.transpose(), Vs));
            expect(row.dJ_dW, jl::dJ_dW_row(xs.transpose(), gs.transpose()));
            // The shape rule: every gradient has its variable's shape, except the
            // numerator layout's dJ/dx, a row for a column x.
            BOOST_TEST((shape.dJ_dx == shape.x && shape.dJ_dW == shape.W));
            BOOST_TEST((row.dJ_dx == row.x && row.dJ_dW == row.W));
            BOOST_TEST(!(num.dJ_dx == num.x));
        }
    verification::expect_within("jl_layouts",
                                "shapes stated ≠ shapes returned, of " +
                                    std::to_string(compared) +
                                    " (3 layouts, m ∈ {2, 4, 5}, n ∈ {3, 6})",
                                mismatches, 0.0);
}

BOOST_AUTO_TEST_CASE(square_transpose_is_not_seen_by_shapes,
                     *utf::label("jl_square_transpose"))
{
    // A square W: W^T has the shape of W, and x delta^T the shape of delta x^T; the
    // shapes agree and the formulas are wrong.
    const Matrix S = W.leftCols(3); // 3 x 3, not symmetric
    const Vector xs = x.head(3);
    BOOST_TEST((S.transpose().rows() == S.rows() && S.transpose().cols() == S.cols()));
    const double asymmetry = (S - S.transpose()).cwiseAbs().maxCoeff();
    verification::quote("jl_square_asymmetry", asymmetry, "%g");
    // [jl_square_transpose]
    const auto Sx = [S](const auto& v) { return jl::z_Wx(S, v); };
    verification::expect_jacobian_rejected(
        "jl_square_transpose", "Wᵀ for W: the shapes agree (3 × 3), the entries do not",
        Sx, [S](const Vector&) { return Matrix(S.transpose()); },
        at(xs, "x = " + show(xs) + "; W 3 × 3 fixed"), {central, autodiff});
    const auto J_S = [xs](const auto& theta) {
        return jl::J_of_W(jl::unflatten_W(theta, 3, 3), xs, g);
    };
    verification::expect_gradient_rejected(
        "jl_square_transpose",
        "Swapped factors, x δᵀ for δ xᵀ: the shapes agree (3 × 3), the entries do not",
        J_S, [xs](const Vector&) { return flat(xs * g.transpose()); },
        at(flat(S), "W 3 × 3 as one vector; x = " + show(xs) + "; δ = " + show(g)),
        {central, autodiff});
    // [jl_square_transpose]
}

// ---------------------------------------------------------------------------
// Exercises
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(exercise_bias, *utf::label("jl_ex_bias"))
{
    const auto J_b = [](const auto& b) {
        using T = gradcheck::scalar_of<decltype(b)>;
        const jl::VectorT<T> z = jl::z_Wx<T>(W, x.cast<T>()) + b;
        T J(0.0);
        for (Eigen::Index i = 0; i < z.size(); ++i)
            J += g(i) * z(i);
        return J;
    };
    const Vector b = vec({0.1, -0.2, 0.3});
    verification::expect_gradient_verified("jl_ex_bias", J_b,
                                           [](const Vector&) { return jl::dJ_db(g); },
                                           at(b, "b = " + show(b) + "; δ = " + show(g)),
                                           {central, complex_step, autodiff});
}

BOOST_AUTO_TEST_CASE(exercise_batch, *utf::label("jl_ex_batch"))
{
    Matrix X(4, 2); // two samples, one per column
    X.col(0) = x;
    X.col(1) = vec({-0.5, 0.9, 1.2, -0.3});
    Matrix G(3, 2); // Delta = dJ/dZ for J = sum of G .* Z
    G.col(0) = g;
    G.col(1) = vec({1.1, 0.2, -0.7});
    const auto J_batch = [X, G](const auto& theta) {
        using T = gradcheck::scalar_of<decltype(theta)>;
        const jl::MatrixT<T> Ws = jl::unflatten_W(theta, 3, 4);
        T J(0.0);
        for (Eigen::Index b = 0; b < X.cols(); ++b)
            for (Eigen::Index i = 0; i < Ws.rows(); ++i)
                for (Eigen::Index k = 0; k < Ws.cols(); ++k)
                    J += G(i, b) * (Ws(i, k) * X(k, b)); // J = sum of G .* (W X)
        return J;
    };
    verification::expect_gradient_verified(
        "jl_ex_batch", J_batch,
        [X, G](const Vector&) { return flat(jl::dJ_dW_batch(G, X)); },
        at(flat(W), "W 3 × 4 as one vector; a batch of B = 2 samples"),
        {central, complex_step, autodiff});
}

BOOST_AUTO_TEST_CASE(exercise_layer, *utf::label("jl_ex_layer"))
{
    const auto layer = [](const auto& v) { return jl::z_layer(W, v); };
    verification::expect_jacobian_verified(
        "jl_ex_layer", layer, [](const Vector& v) { return jl::dz_dx_layer(W, v); },
        at(x, W_and_x() + ", f = tanh"), {central, complex_step, autodiff});
}

// ---------------------------------------------------------------------------
// Bad input
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(mismatched_shapes)
{
    BOOST_CHECK_THROW(jl::z_Wx<double>(W, g), std::invalid_argument);
    BOOST_CHECK_THROW(jl::z_xW<double>(V, g), std::invalid_argument);
    BOOST_CHECK_THROW(jl::unflatten_W<double>(x, 3, 3), std::invalid_argument);
    BOOST_CHECK_THROW(jl::symbol(7, 2, 3), std::invalid_argument);
}
