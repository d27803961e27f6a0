// The chapter's program: source 004's sigmoid network with random weights, its
// forward values, the engine's gradient against the three oracles and the hand-derived
// backward pass, and the operation count of a full gradient by each method for
// networks of growing size (with --plot-data, as columns for the book's figure).
//
//   backpropagation [--seed S] [--inputs D] [--hidden H] [--outputs K]
//                   [--plot-data FILE]
//
// The output depends only on the options: the random numbers come from
// std::mt19937_64 and a fixed mapping to [0, 1), the same with every standard library.
#include "backpropagation/backpropagation.hpp"
#include "backpropagation/options.hpp"
#include "common/output.hpp"
#include "common/program.hpp"
#include "common/random.hpp"
#include "gradcheck/gradcheck.hpp"

#include <cinttypes>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <ostream>
#include <random>
#include <string>

namespace {

using backpropagation::Sizes;
using backpropagation::Vector;
using gradcheck::Oracle;

constexpr Oracle oracles[] = {Oracle::central_difference, Oracle::complex_step,
                              Oracle::autodiff};

void print_vector(const char* name, const Vector& v)
{
    std::printf("  %-22s [", name);
    for (Eigen::Index k = 0; k < v.size(); ++k)
        std::printf("%s%.6g", k > 0 ? ", " : "", v(k));
    std::printf("]\n");
}

void show_network(const Sizes& s, const Vector& theta, const Vector& x, const Vector& y)
{
    const backpropagation::Forward f = backpropagation::forward_pass(s, theta, x);
    std::printf("Forward pass (stores x, z, a, z2)\n");
    print_vector("x", x);
    print_vector("z = W1 x + b1", f.z);
    print_vector("a = sigma(z)", f.a);
    print_vector("z2 = W2 a + b2", f.z2);
    print_vector("label y", y);
    std::printf("  %-22s %.17g\n", "C (templated forward)",
                backpropagation::cost(s, theta, x, y));
    backpropagation::Graph g;
    const backpropagation::Var C = backpropagation::engine_cost(g, s, theta, x, y);
    std::printf("  %-22s %.17g\n\n", "C (engine)", g.value(C));
}

void show_gradients(const Sizes& s, const Vector& theta, const Vector& x,
                    const Vector& y)
{
    const Vector engine = backpropagation::engine_gradient(s, theta, x, y);
    const Vector hand = backpropagation::gradient(s, theta, x, y);
    std::printf("Backward pass: dC/dtheta = [W1, b1, W2, b2], %ld parameters\n",
                static_cast<long>(theta.size()));
    print_vector("engine", engine);
    std::printf(
        "  %-22s %s\n", "|engine - by hand|",
        gradcheck::format_number((engine - hand).cwiseAbs().maxCoeff()).c_str());
    const auto C = [&](const auto& t) { return backpropagation::cost(s, t, x, y); };
    for (Oracle oracle : oracles) {
        const gradcheck::CheckResult r =
            gradcheck::check_gradient("engine", C, theta, engine, oracle);
        std::printf("    %-24s worst |error| %-9s  %s\n", gradcheck::name(oracle),
                    gradcheck::format_number(r.comparison.abs_error).c_str(),
                    gradcheck::describe(r.verdict));
    }
    std::printf("\n");
}

/// The networks of the cost table: D = H, K = 2, H from 2 to 64.
constexpr int widths[] = {2, 4, 8, 16, 32, 64};

void show_costs(book::OutputFile& plot)
{
    std::printf(
        "Operations of one full gradient (D = H inputs and hidden units, K = 2)\n");
    std::printf("  %4s %6s %7s %7s %8s %11s %11s %11s %11s\n", "H", "n", "forward",
                "backwd", "bwd/fwd", "reverse", "fwd diff", "central", "fwd mode");
    std::ostream& out = plot.stream();
    if (plot.wanted()) {
        out << "# operations of one full gradient of the cost against n\n"
            << "# n reverse forward_difference central_difference forward_mode\n";
    }
    for (int H : widths) {
        const backpropagation::GradientCosts c =
            backpropagation::gradient_costs({H, H, 2});
        std::printf("  %4d %6zu %7zu %7zu %8.3f %11zu %11zu %11zu %11zu\n", H, c.n, c.F,
                    c.B, static_cast<double>(c.B) / static_cast<double>(c.F),
                    c.reverse_mode(), c.forward_difference(), c.central_difference(),
                    c.forward_mode());
        if (plot.wanted())
            out << c.n << ' ' << c.reverse_mode() << ' ' << c.forward_difference()
                << ' ' << c.central_difference() << ' ' << c.forward_mode() << '\n';
    }
    plot.finish();
}

} // namespace

int main(int argc, char** argv)
{
    namespace program = backpropagation::program;
    book::CommandLine command_line{program::description};
    program::Options options;
    program::add_options(command_line, options);
    return book::run_program(command_line, argc, argv, [&] {
        program::validate(options);
        book::OutputFile plot("--plot-data", options.plot_data);
        const Sizes s{options.inputs, options.hidden, options.outputs};
        std::mt19937_64 rng(options.seed);
        const Vector theta = book::random_vector(rng, s.parameters(), -1.0, 1.0);
        const Vector x = book::random_vector(rng, s.D, -1.0, 1.0);
        Vector y = Vector::Zero(s.K);
        y(static_cast<Eigen::Index>(rng() % static_cast<std::uint64_t>(s.K))) = 1.0;
        std::printf("Backpropagation: seed %" PRIu64 ", D = %d, H = %d, K = %d\n\n",
                    options.seed, options.inputs, options.hidden, options.outputs);
        show_network(s, theta, x, y);
        show_gradients(s, theta, x, y);
        show_costs(plot);
    });
}
