// Tests of the chapter "A deep sigmoid network on row vectors": source 003's network
// in its own row convention, every gradient layer by layer against at least two
// oracles (in Hadamard form and as 003 prints it, with diagonal Jacobians), the
// derivative from the stored output for the sigmoid and tanh, 003's recursion at
// depths 1 to 8 with random widths, the bridge to the book's columns, 003's slips
// (a negative control, and the shape errors raised as exceptions), the numbers the
// text quotes from the depth experiment, and the exercises.
#define BOOST_TEST_MODULE deep_network
#include "support/verification.hpp"

#include "common/random.hpp"
#include "deep_network/deep_network.hpp"
#include "deep_network/exercises.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace utf = boost::unit_test;
namespace dn = deep_network;
using dn::Deep;
using dn::Matrix;
using dn::Network;
using dn::RowVector;
using dn::Vector;
using gradcheck::CheckOptions;
using gradcheck::CheckResult;
using gradcheck::Oracle;
using verification::at;
using verification::show;

namespace {

constexpr Oracle central = Oracle::central_difference;
constexpr Oracle complex_step = Oracle::complex_step;
constexpr Oracle autodiff = Oracle::autodiff;
const std::vector<Oracle> all_oracles = {central, complex_step, autodiff};
constexpr double eps = std::numeric_limits<double>::epsilon();

/// A network of the given widths: weights in U(-1, 1), biases in U(-0.5, 0.5).
Deep random_network(std::mt19937_64& rng, const std::vector<Eigen::Index>& widths)
{
    Deep n;
    for (std::size_t k = 1; k < widths.size(); ++k) {
        n.W.push_back(book::random_matrix(rng, widths[k - 1], widths[k], -1.0, 1.0));
        n.b.emplace_back(book::random_matrix(rng, 1, widths[k], -0.5, 0.5));
    }
    return n;
}

RowVector random_row(std::mt19937_64& rng, Eigen::Index n, double lo, double hi)
{
    return book::random_matrix(rng, 1, n, lo, hi);
}

/// 003's test point: A 3 x 5, B 5 x 4, C 4 x 3, x and y rows of 3.
const std::vector<Eigen::Index> widths003 = {3, 5, 4, 3};
std::mt19937_64 rng003(3);
const Deep deep003 = random_network(rng003, widths003);
const Network net003{deep003.W[0], deep003.b[0], deep003.W[1],
                     deep003.b[1], deep003.W[2], deep003.b[2]};
const RowVector x003 = random_row(rng003, 3, -1.0, 1.0);
const RowVector y003 = random_row(rng003, 3, 0.0, 1.0);
const core::Layout layout003 = dn::layout_of(widths003);
const Vector p003 = dn::flatten(deep003.W, deep003.b);

template <class T> dn::NetworkT<T> network_of(const dn::DeepT<T>& d)
{
    return {d.W[0], d.b[0], d.W[1], d.b[1], d.W[2], d.b[2]};
}

/// The tensor of the layout [A, a, B, b, C, c] = [W1, b1, W2, b2, W3, b3] under
/// 003's name.
std::string tensor_of(const std::string& name)
{
    const std::vector<std::string> names = {"A", "a", "B", "b", "C", "c"};
    const std::vector<std::string> tensors = {"W1", "b1", "W2", "b2", "W3", "b3"};
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == name)
            return tensors[i];
    return name;
}

/// E of 003's network (its layer-by-layer forward code) as a function of one of
/// its variables, A, a, B, b, C, c or x, the others held at the test point.
auto E_of(const std::string& name)
{
    return [name](const auto& v) {
        using T = gradcheck::scalar_of<decltype(v)>;
        if (name == "x") {
            const dn::NetworkT<T> n =
                network_of(dn::unflatten<T>(widths003, p003.cast<T>().eval()));
            return dn::loss<T>(n, dn::RowVectorT<T>(v.transpose()), y003);
        }
        core::VectorT<T> p = p003.cast<T>();
        const core::Tensor& t = layout003.tensor(tensor_of(name));
        p.segment(t.offset, t.size()) = v;
        return dn::loss<T>(network_of(dn::unflatten<T>(widths003, p)),
                           dn::RowVectorT<T>(x003.cast<T>()), y003);
    };
}

/// The hand-derived gradient of E in the variable `name`, column by column.
template <class Gradients>
auto hand_of(const std::string& name, const Gradients& gradients)
{
    return [name, gradients](const Vector& v) {
        Vector p = p003;
        RowVector x = x003;
        if (name == "x")
            x = v.transpose();
        else {
            const core::Tensor& t = layout003.tensor(tensor_of(name));
            p.segment(t.offset, t.size()) = v;
        }
        const dn::Gradients g =
            gradients(network_of(dn::unflatten<double>(widths003, p)), x, y003);
        const auto flat = [](const Matrix& M) {
            return Vector(Eigen::Map<const Vector>(M.data(), M.size()));
        };
        if (name == "A")
            return flat(g.dE_dA);
        if (name == "a")
            return flat(g.dE_da);
        if (name == "B")
            return flat(g.dE_dB);
        if (name == "b")
            return flat(g.dE_db);
        if (name == "C")
            return flat(g.dE_dC);
        if (name == "c")
            return flat(g.dE_dc);
        return flat(g.dE_dx);
    };
}

Vector value_of(const std::string& name)
{
    if (name == "x")
        return x003.transpose();
    const core::Tensor& t = layout003.tensor(tensor_of(name));
    return p003.segment(t.offset, t.size());
}

/// One gradient of the layer-by-layer code (Hadamard form), by every oracle.
void check_layer_by_layer(const std::string& label, const std::string& name,
                          const std::string& what)
{
    verification::expect_gradient_verified(
        label, E_of(name), hand_of(name, dn::gradients),
        at(value_of(name), what + "; 003's shapes, x = " + show(x003.transpose()) +
                               ", y = " + show(y003.transpose())),
        all_oracles);
}

/// Random widths n_0..n_l, each from `least` to 6.
std::vector<Eigen::Index> random_widths(std::mt19937_64& rng, std::size_t l,
                                        Eigen::Index least)
{
    std::vector<Eigen::Index> widths;
    const auto choices = static_cast<double>(7 - least);
    for (std::size_t k = 0; k <= l; ++k)
        widths.push_back(least +
                         static_cast<Eigen::Index>(book::uniform(rng, 0.0, choices)));
    return widths;
}

std::string show_widths(const std::vector<Eigen::Index>& widths)
{
    std::string text;
    for (Eigen::Index w : widths)
        text += (text.empty() ? "" : "-") + std::to_string(w);
    return text;
}

/// A deep test case: a network, an input row and a target row.
struct Case {
    std::vector<Eigen::Index> widths;
    Deep n;
    RowVector x, y;
};

Case random_case(std::uint64_t seed, std::size_t l, double y_lo, Eigen::Index least = 1)
{
    std::mt19937_64 rng(seed);
    Case c;
    c.widths = random_widths(rng, l, least);
    c.n = random_network(rng, c.widths);
    c.x = random_row(rng, c.widths.front(), -1.0, 1.0);
    c.y = random_row(rng, c.widths.back(), y_lo, 1.0);
    return c;
}

/// The indices of p that belong to the tensors `keep` says yes to.
std::vector<Eigen::Index> indices(const core::Layout& layout,
                                  bool (*keep)(const std::string&, std::size_t))
{
    std::vector<Eigen::Index> idx;
    const std::size_t l = layout.tensors().size() / 2;
    for (const core::Tensor& t : layout.tensors())
        if (keep(t.name, l))
            for (Eigen::Index i = 0; i < t.size(); ++i)
                idx.push_back(t.offset + i);
    return idx;
}

/// 003's recursion for activation F checked on the parameters `keep` selects, by the
/// oracles given, E computed by the generic forward code deep_loss.
template <class F>
void check_recursion(const std::string& label, const Case& c,
                     bool (*keep)(const std::string&, std::size_t),
                     const std::vector<Oracle>& oracles, const std::string& what)
{
    const core::Layout layout = dn::layout_of(c.widths);
    const Vector p = dn::flatten(c.n.W, c.n.b);
    const std::vector<Eigen::Index> idx = indices(layout, keep);
    Vector v(static_cast<Eigen::Index>(idx.size()));
    for (std::size_t i = 0; i < idx.size(); ++i)
        v(static_cast<Eigen::Index>(i)) = p(idx[i]);
    const auto E = [c, p, idx](const auto& u) {
        using T = gradcheck::scalar_of<decltype(u)>;
        core::VectorT<T> q = p.cast<T>();
        for (std::size_t i = 0; i < idx.size(); ++i)
            q(idx[i]) = u(static_cast<Eigen::Index>(i));
        return dn::deep_loss<F, T>(dn::unflatten<T>(c.widths, q),
                                   dn::RowVectorT<T>(c.x.cast<T>()), c.y);
    };
    const auto hand = [c, p, idx](const Vector& u) {
        Vector q = p;
        for (std::size_t i = 0; i < idx.size(); ++i)
            q(idx[i]) = u(static_cast<Eigen::Index>(i));
        const dn::DeepGradients g =
            dn::recursion<F>(dn::unflatten<double>(c.widths, q), c.x, c.y);
        const Vector all = dn::flatten(g.dW, g.db);
        Vector out(static_cast<Eigen::Index>(idx.size()));
        for (std::size_t i = 0; i < idx.size(); ++i)
            out(static_cast<Eigen::Index>(i)) = all(idx[i]);
        return out;
    };
    verification::expect_gradient_verified(
        label, E, hand,
        at(v, what + "; l = " + std::to_string(c.widths.size() - 1) + ", widths " +
                  show_widths(c.widths)),
        oracles);
}

bool every_tensor(const std::string& /*name*/, std::size_t /*l*/)
{
    return true;
}
bool last_bias(const std::string& name, std::size_t l)
{
    return name == "b" + std::to_string(l);
}
bool other_biases(const std::string& name, std::size_t l)
{
    return name[0] == 'b' && name != "b" + std::to_string(l);
}
bool weights(const std::string& name, std::size_t /*l*/)
{
    return name[0] == 'W';
}

double max_abs(const Matrix& M)
{
    return M.size() == 0 ? 0.0 : M.cwiseAbs().maxCoeff();
}

} // namespace

// ---------------------------------------------------------------------------
// f' from the stored output
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(sigmoid_prime_from_output, *utf::label("dn_sigmoid_prime"))
{
    const Vector net = (Vector(7) << -8.0, -2.5, -0.75, 0.0, 0.5, 3.0, 9.0).finished();
    verification::expect_jacobian_verified(
        "dn_sigmoid_prime",
        [](const auto& z) {
            using T = gradcheck::scalar_of<decltype(z)>;
            core::VectorT<T> out(z.size());
            for (Eigen::Index j = 0; j < z.size(); ++j)
                out(j) = dn::Sigmoid::f(z(j));
            return out;
        },
        [](const Vector& z) {
            Vector d(z.size());
            for (Eigen::Index j = 0; j < z.size(); ++j)
                d(j) = dn::Sigmoid::prime_from_output(dn::Sigmoid::f(z(j)));
            return Matrix(d.asDiagonal());
        },
        at(net, "net = " + show(net) + "; f′ from the stored f(net)"), all_oracles);
}

BOOST_AUTO_TEST_CASE(tanh_prime_from_output, *utf::label("dn_tanh_prime"))
{
    const Vector net = (Vector(7) << -4.0, -1.5, -0.25, 0.0, 0.5, 2.0, 5.0).finished();
    verification::expect_jacobian_verified(
        "dn_tanh_prime",
        [](const auto& z) {
            using T = gradcheck::scalar_of<decltype(z)>;
            core::VectorT<T> out(z.size());
            for (Eigen::Index j = 0; j < z.size(); ++j)
                out(j) = dn::Tanh::f(z(j));
            return out;
        },
        [](const Vector& z) {
            Vector d(z.size());
            for (Eigen::Index j = 0; j < z.size(); ++j)
                d(j) = dn::Tanh::prime_from_output(std::tanh(z(j)));
            return Matrix(d.asDiagonal());
        },
        at(net, "net = " + show(net) + "; f′ from the stored f(net)"), all_oracles);
}

// ---------------------------------------------------------------------------
// 003's network, layer by layer
// ---------------------------------------------------------------------------

// [dn_errata_columns]
BOOST_AUTO_TEST_CASE(shapes_of_the_hidden_layers)
{
    // 003 calls hidden1 and hidden2 column vectors; they are rows.
    const dn::Forward s = dn::forward(net003, x003);
    BOOST_TEST((s.hidden1.rows() == 1 && s.hidden1.cols() == 5));
    BOOST_TEST((s.hidden2.rows() == 1 && s.hidden2.cols() == 4));
    BOOST_TEST((s.y_hat.rows() == 1 && s.y_hat.cols() == 3));
    // Read as columns, the next layer's product hidden1 B is undefined.
    try {
        dn::times("hidden1", s.hidden1.transpose(), "B", net003.B);
        BOOST_TEST(false, "a 5×1 column times B (5×4) should have been refused");
    } catch (const std::invalid_argument& e) {
        BOOST_TEST(std::string(e.what()).find("hidden1 (5×1) times B (5×4)") !=
                   std::string::npos);
    }
}
// [dn_errata_columns]

BOOST_AUTO_TEST_CASE(gradient_c, *utf::label("dn_dc"))
{
    check_layer_by_layer("dn_dc", "c", "c 1 × 3");
}

BOOST_AUTO_TEST_CASE(gradient_C, *utf::label("dn_dC"))
{
    check_layer_by_layer("dn_dC", "C", "C 4 × 3");
}

BOOST_AUTO_TEST_CASE(gradient_b, *utf::label("dn_db"))
{
    check_layer_by_layer("dn_db", "b", "b 1 × 4");
}

BOOST_AUTO_TEST_CASE(gradient_B, *utf::label("dn_dB"))
{
    check_layer_by_layer("dn_dB", "B", "B 5 × 4");
}

BOOST_AUTO_TEST_CASE(gradient_a, *utf::label("dn_da"))
{
    check_layer_by_layer("dn_da", "a", "a 1 × 5");
}

BOOST_AUTO_TEST_CASE(gradient_A, *utf::label("dn_dA"))
{
    check_layer_by_layer("dn_dA", "A", "A 3 × 5");
}

BOOST_AUTO_TEST_CASE(gradient_x, *utf::label("dn_dx"))
{
    check_layer_by_layer("dn_dx", "x", "x 1 × 3");
}

BOOST_AUTO_TEST_CASE(as_printed_with_diagonal_jacobians, *utf::label("dn_diagonal"))
{
    // 003's chains of matrices, every parameter at once: [A, a, B, b, C, c].
    const auto E = [](const auto& p) {
        using T = gradcheck::scalar_of<decltype(p)>;
        return dn::loss<T>(network_of(dn::unflatten<T>(widths003, p)),
                           dn::RowVectorT<T>(x003.cast<T>()), y003);
    };
    const auto printed = [](const Vector& p) {
        const dn::Gradients g = dn::gradients_as_printed(
            network_of(dn::unflatten<double>(widths003, p)), x003, y003);
        return dn::flatten({g.dE_dA, g.dE_dB, g.dE_dC}, {g.dE_da, g.dE_db, g.dE_dc});
    };
    verification::expect_gradient_verified("dn_diagonal", E, printed,
                                           at(p003, "[A, a, B, b, C, c], 50 entries"),
                                           all_oracles);
    // The Jacobian chains and the Hadamard form are the same numbers up to rounding:
    // they multiply the same factors in another order.
    const dn::Gradients h = dn::gradients(net003, x003, y003);
    const Vector hadamard =
        dn::flatten({h.dE_dA, h.dE_dB, h.dE_dC}, {h.dE_da, h.dE_db, h.dE_dc});
    const double scale = max_abs(hadamard);
    verification::expect_within(
        "dn_diagonal", "max |chain of Jacobians − Hadamard form| / max |gradient|",
        max_abs(printed(p003) - hadamard) / scale, 4 * eps);
}

// ---------------------------------------------------------------------------
// 003's recursion, any depth
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(recursion_last_bias, *utf::label("dn_db_last"))
{
    check_recursion<dn::Sigmoid>("dn_db_last", {widths003, deep003, x003, y003},
                                 last_bias, all_oracles, "b_l");
    check_recursion<dn::Sigmoid>("dn_db_last", random_case(81, 8, 0.0, 2), last_bias,
                                 all_oracles, "b_l");
}

BOOST_AUTO_TEST_CASE(recursion_biases, *utf::label("dn_db_k"))
{
    check_recursion<dn::Sigmoid>("dn_db_k", {widths003, deep003, x003, y003},
                                 other_biases, all_oracles, "b_1 … b_l−1");
    check_recursion<dn::Sigmoid>("dn_db_k", random_case(81, 8, 0.0, 2), other_biases,
                                 all_oracles, "b_1 … b_l−1");
}

BOOST_AUTO_TEST_CASE(recursion_weights, *utf::label("dn_dW_k"))
{
    check_recursion<dn::Sigmoid>("dn_dW_k", {widths003, deep003, x003, y003}, weights,
                                 all_oracles, "W_1 … W_l");
    check_recursion<dn::Sigmoid>("dn_dW_k", random_case(81, 8, 0.0, 2), weights,
                                 all_oracles, "W_1 … W_l");
}

BOOST_AUTO_TEST_CASE(recursion_at_every_depth, *utf::label("dn_recursion"))
{
    for (std::size_t l = 1; l <= 8; ++l)
        check_recursion<dn::Sigmoid>("dn_recursion", random_case(100 + l, l, 0.0),
                                     every_tensor, {central, autodiff},
                                     "all parameters");
    // At depth 3 the recursion is 003's layer-by-layer derivation: the same numbers,
    // up to the order of the products in f' (y_hat - y) o y_hat o (1 - y_hat).
    const dn::DeepGradients r = dn::recursion<dn::Sigmoid>(deep003, x003, y003);
    const dn::Gradients g = dn::gradients(net003, x003, y003);
    const Vector by_layer =
        dn::flatten({g.dE_dA, g.dE_dB, g.dE_dC}, {g.dE_da, g.dE_db, g.dE_dc});
    const Vector recursive = dn::flatten(r.dW, r.db);
    double differ = max_abs(recursive - by_layer) / max_abs(by_layer);
    differ = std::max(differ, max_abs(r.dx - g.dE_dx) / max_abs(g.dE_dx));
    verification::expect_within(
        "dn_recursion",
        "max |recursion − layer by layer| / max |gradient|, 003's network, x included",
        differ, 4 * eps);
}

BOOST_AUTO_TEST_CASE(recursion_with_tanh, *utf::label("dn_recursion_tanh"))
{
    for (std::size_t l = 1; l <= 8; ++l)
        check_recursion<dn::Tanh>("dn_recursion_tanh", random_case(200 + l, l, -1.0),
                                  every_tensor, {central, autodiff}, "all parameters");
}

// ---------------------------------------------------------------------------
// The bridge to the book's columns
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(column_convention, *utf::label("dn_column"))
{
    double loss_differ = 0.0;
    double gradient_differ = 0.0;
    for (const Case& c :
         {Case{widths003, deep003, x003, y003}, random_case(301, 8, 0.0)}) {
        const dn::ColumnNetwork m = dn::to_columns(c.n);
        // The same sums in the same order, of the same products: exactly equal.
        const double E_row = dn::deep_loss<dn::Sigmoid, double>(c.n, c.x, c.y);
        const auto E_col = dn::column_loss<double>(m, c.x.transpose(), c.y.transpose());
        loss_differ = std::max(loss_differ, std::abs(E_row - E_col));
        const dn::DeepGradients r = dn::recursion<dn::Sigmoid>(c.n, c.x, c.y);
        const dn::ColumnGradients g =
            dn::column_gradients(m, c.x.transpose(), c.y.transpose());
        for (std::size_t k = 0; k < r.dW.size(); ++k) {
            const double scale = std::max(max_abs(r.dW[k]), max_abs(r.db[k]));
            gradient_differ = std::max(
                {gradient_differ, max_abs(g.dW[k] - r.dW[k].transpose()) / scale,
                 max_abs(g.db[k] + r.db[k].transpose()) / scale});
        }
    }
    verification::expect_within("dn_column",
                                "|E rows − E columns|, 003's network and depth 8",
                                loss_differ, 0.0);
    verification::expect_within(
        "dn_column",
        "max |∂E/∂W_k (columns) − (∂E/∂W_k)ᵀ| and |∂E/∂b_k (columns) + (∂E/∂b_k)ᵀ|, "
        "relative to the layer's largest",
        gradient_differ, 4 * eps);
    // And the column network's own gradient, against two oracles.
    const dn::ColumnNetwork m = dn::to_columns(deep003);
    core::Layout layout;
    for (std::size_t k = 0; k < m.W.size(); ++k) {
        const std::string i = std::to_string(k + 1);
        layout.add("W" + i, m.W[k].rows(), m.W[k].cols()).add("b" + i, m.b[k].size());
    }
    const auto unflat = [layout, m](const auto& p) {
        using T = gradcheck::scalar_of<decltype(p)>;
        dn::ColumnNetworkT<T> n;
        for (std::size_t k = 0; k < m.W.size(); ++k) {
            const std::string i = std::to_string(k + 1);
            n.W.push_back(layout.view(p, "W" + i));
            n.b.push_back(layout.vector_view(p, "b" + i));
        }
        return n;
    };
    const auto E = [unflat](const auto& p) {
        using T = gradcheck::scalar_of<decltype(p)>;
        return dn::column_loss<T>(unflat(p), x003.transpose().cast<T>(),
                                  y003.transpose());
    };
    const auto hand = [unflat, layout](const Vector& p) {
        const dn::ColumnGradients g =
            dn::column_gradients(unflat(p), x003.transpose(), y003.transpose());
        Vector out(layout.size());
        for (std::size_t k = 0; k < g.dW.size(); ++k) {
            const std::string i = std::to_string(k + 1);
            layout.view(out, "W" + i) = g.dW[k];
            layout.view(out, "b" + i) = g.db[k];
        }
        return out;
    };
    Vector p(layout.size());
    for (std::size_t k = 0; k < m.W.size(); ++k) {
        const std::string i = std::to_string(k + 1);
        layout.view(p, "W" + i) = m.W[k];
        layout.view(p, "b" + i) = m.b[k];
    }
    verification::expect_gradient_verified(
        "dn_column", E, hand,
        at(p, "columns: W_k = (003's)ᵀ, b_k = −(003's)ᵀ added; 50 entries"),
        {central, autodiff});
}

// ---------------------------------------------------------------------------
// 003 read literally
// ---------------------------------------------------------------------------

// [dn_errata_B_hidden1]
BOOST_AUTO_TEST_CASE(literal_B_times_hidden1_is_undefined)
{
    const dn::Forward s = dn::forward(net003, x003);
    try {
        dn::literal_D2(net003, s.hidden1);
        BOOST_TEST(false, "B hidden1 should have been refused");
    } catch (const std::invalid_argument& e) {
        BOOST_TEST(std::string(e.what()).find("B (5×4) times hidden1 (1×5)") !=
                   std::string::npos);
    }
}
// [dn_errata_B_hidden1]

// [dn_errata_general]
BOOST_AUTO_TEST_CASE(literal_general_rule, *utf::label("dn_errata_general"))
{
    // In 003's row convention W_k x_k is undefined, and the checked product says so.
    const std::vector<RowVector> xs = dn::forward_pass<dn::Sigmoid>(deep003, x003);
    try {
        dn::literal_factor(net003.B, xs[1], net003.b);
        BOOST_TEST(false, "W_k x_k with a row x_k should have been refused");
    } catch (const std::invalid_argument& e) {
        BOOST_TEST(std::string(e.what()).find("W_k (5×4) times x_k (1×5)") !=
                   std::string::npos);
    }
    // With x_k a column and every W_k square it is defined, and wrong.
    const std::vector<Eigen::Index> widths = {4, 4, 4, 4};
    std::mt19937_64 rng(7);
    const Deep n = random_network(rng, widths);
    const RowVector x = random_row(rng, 4, -1.0, 1.0);
    const RowVector y = random_row(rng, 4, 0.0, 1.0);
    verification::expect_gradient_rejected(
        "dn_errata_general",
        "003's recursion with its recurring factor ∂f(W_k x_k − b_k)/∂(W_k x_k − b_k) "
        "read with x_k a column and square W_k: f′ is taken at the pre-activation of "
        "a network with W_k transposed",
        [x, y](const auto& p) {
            using T = gradcheck::scalar_of<decltype(p)>;
            return dn::deep_loss<dn::Sigmoid, T>(dn::unflatten<T>({4, 4, 4, 4}, p),
                                                 dn::RowVectorT<T>(x.cast<T>()), y);
        },
        [x, y](const Vector& p) {
            const dn::DeepGradients g =
                dn::literal_recursion(dn::unflatten<double>({4, 4, 4, 4}, p), x, y);
            return dn::flatten(g.dW, g.db);
        },
        at(dn::flatten(n.W, n.b), "l = 3, widths 4-4-4-4, all parameters"),
        {central, autodiff});
}
// [dn_errata_general]

// ---------------------------------------------------------------------------
// The depth experiment: the numbers the text quotes
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(depth_experiment_numbers)
{
    // The program's book run: seed 1, depth 10, width 32 (tests/programs/*.cases).
    std::mt19937_64 rng(1);
    const dn::DepthExperiment e =
        dn::depth_experiment(10, 32, [&rng](Eigen::Index rows, Eigen::Index cols) {
            return book::random_matrix(rng, rows, cols, -1.0, 1.0);
        });
    const std::vector<double> s =
        dn::weight_gradient_norms<dn::Sigmoid>(e.sigmoid, e.x, e.y);
    const std::vector<double> t = dn::weight_gradient_norms<dn::Tanh>(e.tanh, e.x, e.y);
    const std::vector<double> r = dn::weight_gradient_norms<dn::Relu>(e.relu, e.x, e.y);
    verification::quote("dn_sigmoid_first", s.front(), "%.2e");
    verification::quote("dn_sigmoid_last", s.back(), "%.2e");
    verification::quote("dn_sigmoid_ratio", s.front() / s.back(), "%.2g");
    verification::quote("dn_tanh_ratio", t.front() / t.back(), "%.2g");
    verification::quote("dn_relu_ratio", r.front() / r.back(), "%.2g");
    BOOST_TEST(s.size() == 10u);
}

// ---------------------------------------------------------------------------
// Exercises
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(exercise_batch, *utf::label("dn_ex_batch"))
{
    const Case c = random_case(401, 3, 0.0);
    std::mt19937_64 rng(402);
    const Matrix X = book::random_matrix(rng, 4, c.widths.front(), -1.0, 1.0);
    const Matrix Y = book::random_matrix(rng, 4, c.widths.back(), 0.0, 1.0);
    const std::vector<Eigen::Index> widths = c.widths;
    verification::expect_gradient_verified(
        "dn_ex_batch",
        [widths, X, Y](const auto& p) {
            using T = gradcheck::scalar_of<decltype(p)>;
            return dn::batch_loss<dn::Sigmoid, T>(dn::unflatten<T>(widths, p),
                                                  X.cast<T>().eval(), Y);
        },
        [widths, X, Y](const Vector& p) {
            const dn::DeepGradients g = dn::batch_gradients<dn::Sigmoid>(
                dn::unflatten<double>(widths, p), X, Y);
            return dn::flatten(g.dW, g.db);
        },
        at(dn::flatten(c.n.W, c.n.b),
           "B = 4 rows, l = 3, widths " + show_widths(widths) + ", all parameters"),
        all_oracles);
}

BOOST_AUTO_TEST_CASE(exercise_relu, *utf::label("dn_ex_relu"))
{
    const Case c = random_case(501, 4, 0.0);
    const std::vector<Eigen::Index> widths = c.widths;
    CheckOptions options; // the ReLU mask of every layer: no coordinate may straddle
    options.kink_pattern = [c](const Vector& p) {
        std::vector<long> mask;
        for (const RowVector& out :
             dn::forward_pass<dn::Relu>(dn::unflatten<double>(c.widths, p), c.x))
            for (Eigen::Index j = 0; j < out.size(); ++j)
                mask.push_back(out(j) > 0.0 ? 1 : 0);
        return mask;
    };
    verification::expect_gradient_verified(
        "dn_ex_relu",
        [c](const auto& p) {
            using T = gradcheck::scalar_of<decltype(p)>;
            return dn::deep_loss<dn::Relu, T>(dn::unflatten<T>(c.widths, p),
                                              dn::RowVectorT<T>(c.x.cast<T>()), c.y);
        },
        [c](const Vector& p) {
            const dn::DeepGradients g =
                dn::recursion<dn::Relu>(dn::unflatten<double>(c.widths, p), c.x, c.y);
            return dn::flatten(g.dW, g.db);
        },
        at(dn::flatten(c.n.W, c.n.b),
           "ReLU, l = 4, widths " + show_widths(widths) + ", all parameters"),
        all_oracles, options);
}

BOOST_AUTO_TEST_CASE(exercise_added_biases, *utf::label("dn_ex_added"))
{
    const Case c = random_case(601, 4, 0.0);
    verification::expect_gradient_verified(
        "dn_ex_added",
        [c](const auto& p) {
            using T = gradcheck::scalar_of<decltype(p)>;
            return dn::deep_loss<dn::Sigmoid, T>(dn::unflatten<T>(c.widths, p),
                                                 dn::RowVectorT<T>(c.x.cast<T>()), c.y,
                                                 +1.0);
        },
        [c](const Vector& p) {
            const dn::DeepGradients g = dn::recursion_added<dn::Sigmoid>(
                dn::unflatten<double>(c.widths, p), c.x, c.y);
            return dn::flatten(g.dW, g.db);
        },
        at(dn::flatten(c.n.W, c.n.b),
           "x W + b, l = 4, widths " + show_widths(c.widths) + ", all parameters"),
        all_oracles);
}

// ---------------------------------------------------------------------------
// Bad input
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(mismatched_shapes)
{
    Network n = net003;
    n.b = RowVector::Zero(3);
    BOOST_CHECK_THROW(dn::loss<double>(n, x003, y003), std::invalid_argument);
    BOOST_CHECK_THROW(dn::loss<double>(net003, RowVector::Zero(4), y003),
                      std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(mismatched_target_or_no_layer)
{
    BOOST_CHECK_THROW(dn::loss<double>(net003, x003, RowVector::Zero(2)),
                      std::invalid_argument);
    const auto empty_network = [] {
        return dn::output<dn::Sigmoid, double>(Deep{}, x003);
    };
    BOOST_CHECK_THROW(empty_network(), std::invalid_argument);
}
