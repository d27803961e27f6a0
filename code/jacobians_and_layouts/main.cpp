// The chapter's program: random W, x and g of the given shapes from a seed; each
// Jacobian identity and each gradient through delta against the three oracles (the
// worst error of each); then the table of layouts, its shapes taken from layout_of
// and checked against the shapes the formulas return.
//
//   jacobians_and_layouts [--seed S] [--inputs M] [--outputs N] [--table FILE]
//
// The output depends only on the options: the random numbers come from
// std::mt19937_64 and a fixed mapping to [0, 1), the same with every standard library.
#include "common/output.hpp"
#include "common/program.hpp"
#include "common/random.hpp"
#include "gradcheck/gradcheck.hpp"
#include "jacobians_and_layouts/jacobians_and_layouts.hpp"
#include "jacobians_and_layouts/options.hpp"

#include <cinttypes>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <utility>

namespace {

namespace jl = jacobians_and_layouts;
using gradcheck::Oracle;
using jl::Matrix;
using jl::Vector;

constexpr Oracle oracles[] = {Oracle::central_difference, Oracle::complex_step,
                              Oracle::autodiff};

/// A rows x cols matrix of uniform numbers in [-2, 2).
Matrix random_matrix(std::mt19937_64& rng, Eigen::Index rows, Eigen::Index cols)
{
    return book::random_matrix(rng, rows, cols, -2.0, 2.0);
}

/// `text` padded with spaces to `width` characters (UTF-8: one per code point).
std::string pad(const std::string& text, std::size_t width)
{
    std::size_t length = 0;
    for (unsigned char c : text)
        length += (c & 0xC0U) != 0x80U ? 1 : 0; // count the first byte of each
    return text + std::string(length < width ? width - length : 0, ' ');
}

/// One line: the identity, then the worst |error| of each oracle.
template <class Check> void print_line(const char* identity, const Check& check)
{
    std::printf("  %s", pad(identity, 36).c_str());
    for (Oracle oracle : oracles) {
        const gradcheck::CheckResult r = check(oracle);
        std::printf(" %9s%s", gradcheck::format_number(r.comparison.abs_error).c_str(),
                    r.verdict == gradcheck::Verdict::pass ? " " : "!");
    }
    std::printf("\n");
}

void show_jacobians(std::mt19937_64& rng, Eigen::Index m, Eigen::Index n)
{
    const Matrix W = random_matrix(rng, n, m); // z = Wx
    const Matrix V = random_matrix(rng, m, n); // z = xV, x a row
    const Vector x = random_matrix(rng, m, 1);
    const Vector g = random_matrix(rng, n, 1); // J = g^T z: delta = g
    std::printf("Worst |error| of each identity against each oracle "
                "(! marks a failed check)\n");
    std::printf("  %-34s %9s  %9s  %9s\n", "identity", "central", "complex",
                "autodiff");
    const auto Wx = [&W](const auto& v) { return jl::z_Wx(W, v); };
    const auto xV = [&V](const auto& v) { return jl::z_xW(V, v); };
    const auto tanh_map = [](const auto& v) { return jl::z_tanh(v); };
    const auto self = [](const auto& v) { return v; };
    print_line("z = Wx:     dz/dx = W", [&](Oracle o) {
        return gradcheck::check_jacobian("Wx", Wx, x, jl::dz_dx_Wx(W), o);
    });
    print_line("z = xW:     dz/dx = Wᵀ", [&](Oracle o) {
        return gradcheck::check_jacobian("xW", xV, x, jl::dz_dx_xW(V), o);
    });
    print_line("z = x:      dz/dx = I", [&](Oracle o) {
        return gradcheck::check_jacobian("I", self, x, jl::dz_dx_identity(m), o);
    });
    print_line("z = tanh(x): dz/dx = diag(f'(x))", [&](Oracle o) {
        return gradcheck::check_jacobian("tanh", tanh_map, x, jl::dz_dx_tanh(x), o);
    });
    const Vector theta_W = Eigen::Map<const Vector>(W.data(), W.size());
    const Vector theta_V = Eigen::Map<const Vector>(V.data(), V.size());
    const auto J_W = [&](const auto& t) {
        return jl::J_of_W(jl::unflatten_W(t, n, m), x, g);
    };
    const auto J_V = [&](const auto& t) {
        return jl::J_of_W_row(jl::unflatten_W(t, m, n), x, g);
    };
    const auto flat = [](const Matrix& A) {
        return Vector(Eigen::Map<const Vector>(A.data(), A.size()));
    };
    print_line("z = Wx:     dJ/dW = δᵀxᵀ (δ a row)", [&](Oracle o) {
        return gradcheck::check_gradient(
            "num", J_W, theta_W, flat(jl::dJ_dW_numerator(g.transpose(), x)), o);
    });
    print_line("z = Wx:     dJ/dW = δxᵀ (δ a column)", [&](Oracle o) {
        return gradcheck::check_gradient("shape", J_W, theta_W, flat(jl::dJ_dW(g, x)),
                                         o);
    });
    print_line("z = xW:     dJ/dW = xᵀδ", [&](Oracle o) {
        return gradcheck::check_gradient(
            "row", J_V, theta_V, flat(jl::dJ_dW_row(x.transpose(), g.transpose())), o);
    });
    std::printf("\n");
}

/// `text` with no-break spaces, so that a cell of the Markdown table never breaks
/// "n × m" or "δᵀ xᵀ" across lines.
std::string unbroken(const std::string& text)
{
    std::string out;
    for (char c : text)
        out += c == ' ' ? std::string("\u00a0") : std::string(1, c);
    return out;
}

/// The shapes that the formulas of convention c return for these m and n.
std::pair<jl::Shape, jl::Shape> computed_shapes(jl::Convention c, Eigen::Index m,
                                                Eigen::Index n)
{
    const Vector x = Vector::Zero(m);
    const Vector g = Vector::Zero(n);
    const auto shape = [](const Matrix& A) { return jl::Shape{A.rows(), A.cols()}; };
    switch (c) {
    case jl::Convention::numerator:
        return {shape(jl::dJ_dx_numerator(g.transpose(), Matrix::Zero(n, m))),
                shape(jl::dJ_dW_numerator(g.transpose(), x))};
    case jl::Convention::shape:
        return {shape(jl::dJ_dx(g, Matrix::Zero(n, m))), shape(jl::dJ_dW(g, x))};
    case jl::Convention::row:
        return {shape(jl::dJ_dx_row(g.transpose(), Matrix::Zero(m, n))),
                shape(jl::dJ_dW_row(x.transpose(), g.transpose()))};
    }
    throw std::logic_error("computed_shapes: unknown convention");
}

/// The table of layouts from layout_of, each shape of a gradient first confirmed
/// against the shape its formula returns: as text, or as a Markdown table.
std::string layout_table(Eigen::Index m, Eigen::Index n, bool markdown)
{
    std::string text =
        markdown ? std::string("| layout | vectors | x | W | δ = ∂J/∂z | ∂J/∂x | "
                               "∂J/∂W | written so by |\n"
                               "|---|---|---|---|---|---|---|---|\n")
                 : "  " + pad("layout", 22) + pad("vectors", 9) + pad("x", 7) +
                       pad("W", 7) + pad("δ", 7) + pad("∂J/∂x", 15) + "∂J/∂W\n";
    for (jl::Convention c : jl::conventions) {
        const jl::Layout L = jl::layout_of(c, m, n);
        const jl::Naming name = jl::naming_of(c);
        const auto [dJ_dx, dJ_dW] = computed_shapes(c, m, n);
        if (!(L.dJ_dx == dJ_dx) || !(L.dJ_dW == dJ_dW))
            throw std::logic_error(std::string("the table's shapes for ") + name.name +
                                   " differ from its formulas'");
        const auto sym = [&](const jl::Shape& s) { return jl::symbol(s, m, n); };
        if (markdown) {
            char line[512];
            std::snprintf(line, sizeof line,
                          "| %s | %s | %s | %s | %s | %s: %s | %s: %s | %s |\n",
                          name.name, name.vectors, unbroken(sym(L.x)).c_str(),
                          unbroken(sym(L.W)).c_str(), unbroken(sym(L.delta)).c_str(),
                          unbroken(name.dJ_dx).c_str(), unbroken(sym(L.dJ_dx)).c_str(),
                          unbroken(name.dJ_dW).c_str(), unbroken(sym(L.dJ_dW)).c_str(),
                          name.written_by);
            text += line;
            continue;
        }
        text += "  " + pad(name.name, 22) + pad(name.vectors, 9) + pad(sym(L.x), 7) +
                pad(sym(L.W), 7) + pad(sym(L.delta), 7) + pad(name.dJ_dx, 7) +
                pad(sym(L.dJ_dx), 8) + pad(name.dJ_dW, 7) + sym(L.dJ_dW) + "\n";
    }
    return text;
}

} // namespace

int main(int argc, char** argv)
{
    namespace program = jacobians_and_layouts::program;
    book::CommandLine command_line{program::description};
    program::Options options;
    program::add_options(command_line, options);
    return book::run_program(command_line, argc, argv, [&] {
        program::validate(options);
        book::OutputFile table("--table", options.table);
        std::mt19937_64 rng(options.seed);
        const Eigen::Index m = options.inputs;
        const Eigen::Index n = options.outputs;
        std::printf("Jacobians and layouts: seed %" PRIu64
                    ", x of m = %d, z of n = %d\n\n",
                    options.seed, options.inputs, options.outputs);
        show_jacobians(rng, m, n);
        std::printf("The layouts (shapes checked against the formulas' results)\n");
        std::printf("%s", layout_table(m, n, false).c_str());
        if (table.wanted()) {
            table.stream() << "[jl_table]\n"
                           << layout_table(2, 3, true) << "[jl_table]\n";
            table.finish();
        }
    });
}
