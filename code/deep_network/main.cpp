// The chapter's program: a deep network on row vectors, x_{k+1} = f(x_k W_k - b_k),
// E = 1/2 |y_hat - y|^2, of --depth layers of --width units. It checks source 003's
// recursion against two oracles for the sigmoid, tanh and ReLU, then prints the
// Frobenius norm of each layer's weight gradient dE/dW_l for the three, each at its
// standard initialisation (Glorot uniform for the sigmoid and tanh, He uniform for
// ReLU, the same random draws scaled), with zero biases. With --plot-data it writes
// the norms for the book's figure.
//
//   deep_network [--seed S] [--depth L] [--width N] [--plot-data FILE]
//
// The output depends only on the options: the random numbers come from
// std::mt19937_64 through book::random_matrix, the same with every standard library.
#include "common/gradient_report.hpp"
#include "common/output.hpp"
#include "common/program.hpp"
#include "common/random.hpp"
#include "deep_network/deep_network.hpp"
#include "deep_network/options.hpp"
#include "gradcheck/gradcheck.hpp"

#include <cinttypes>
#include <cstdio>
#include <ostream>
#include <random>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace {

namespace dn = deep_network;
using dn::Deep;
using dn::RowVector;
using dn::Vector;

/// Checks 003's recursion for the activation F on the whole network by the central
/// difference and the complex step: every coordinate up to 20000 parameters, 1000
/// drawn ones (every tensor among them) above. For ReLU no coordinate may straddle a
/// kink; the count of those skipped is printed, and so is a refusal (a ReLU network
/// whose units are all off has a zero gradient, which proves nothing).
template <class F> void check_recursion(const Deep& n, const dn::DepthExperiment& e)
{
    const std::vector<Eigen::Index> widths = dn::widths_of(n);
    const core::Layout layout = dn::layout_of(widths);
    const auto E = [&](const auto& p) {
        using T = gradcheck::scalar_of<decltype(p)>;
        return dn::deep_loss<F, T>(dn::unflatten<T>(widths, p),
                                   dn::RowVectorT<T>(e.x.cast<T>()), e.y);
    };
    const Vector p = dn::flatten(n.W, n.b);
    const dn::DeepGradients g = dn::recursion<F>(n, e.x, e.y);
    const Vector hand = dn::flatten(g.dW, g.db);
    gradcheck::CheckOptions options;
    if constexpr (std::is_same_v<F, dn::Relu>)
        options.kink_pattern = [&](const Vector& q) {
            std::vector<long> mask;
            for (const RowVector& out :
                 dn::forward_pass<F>(dn::unflatten<double>(widths, q), e.x))
                for (Eigen::Index j = 0; j < out.size(); ++j)
                    mask.push_back(out(j) > 0.0 ? 1 : 0);
            return mask;
        };
    constexpr Eigen::Index all_up_to = 20000;
    // A refusal (every ReLU off: both sides zero; too many kinks) is printed as
    // such; only a comparison that fails is an error.
    const book::Report how{F::name, true, false, "003's recursion failed its check"};
    for (const gradcheck::Oracle oracle : book::program_oracles)
        book::report_check(
            p.size() <= all_up_to
                ? gradcheck::check_gradient("recursion", E, p, hand, oracle, options)
                : gradcheck::check_coordinates("recursion", E, layout, p, hand, oracle,
                                               1000, 1, options),
            how);
}

/// The first layer's norm over the last's, or "none" when the last is zero (every
/// ReLU of the last layer off).
std::string ratio(const std::vector<double>& norms)
{
    if (norms.back() == 0.0)
        return "none (the last gradient is zero)";
    char text[32];
    std::snprintf(text, sizeof text, "%.2g", norms.front() / norms.back());
    return text;
}

/// One line per layer: l and the three norms, for gnuplot.
void write_plot_data(book::OutputFile& plot, const std::vector<double>& sigmoid,
                     const std::vector<double>& tanh, const std::vector<double>& relu)
{
    std::ostream& out = plot.stream();
    out << "# layer l, ||dE/dW_l|| for the sigmoid, tanh and ReLU\n";
    for (std::size_t k = 0; k < sigmoid.size(); ++k)
        out << k + 1 << ' ' << sigmoid[k] << ' ' << tanh[k] << ' ' << relu[k] << '\n';
    plot.finish();
}

} // namespace

int main(int argc, char** argv)
{
    namespace program = deep_network::program;
    book::CommandLine command_line{program::description};
    program::Options options;
    program::add_options(command_line, options);
    return book::run_program(command_line, argc, argv, [&] {
        program::validate(options);
        book::OutputFile plot("--plot-data", options.plot_data);
        std::mt19937_64 rng(options.seed);
        const dn::DepthExperiment e = dn::depth_experiment(
            options.depth, options.width, [&rng](Eigen::Index rows, Eigen::Index cols) {
                return book::random_matrix(rng, rows, cols, -1.0, 1.0);
            });
        const long parameters =
            static_cast<long>(dn::flatten(e.sigmoid.W, e.sigmoid.b).size());
        std::printf("A deep network on row vectors: seed %" PRIu64 ", l = %d layers of "
                    "%d units, %ld parameters, biases zero\n\n",
                    options.seed, options.depth, options.width, parameters);
        std::printf("003's recursion against two oracles, E = 1/2 |y_hat - y|^2:\n");
        check_recursion<dn::Sigmoid>(e.sigmoid, e);
        check_recursion<dn::Tanh>(e.tanh, e);
        check_recursion<dn::Relu>(e.relu, e);
        const std::vector<double> s =
            dn::weight_gradient_norms<dn::Sigmoid>(e.sigmoid, e.x, e.y);
        const std::vector<double> t =
            dn::weight_gradient_norms<dn::Tanh>(e.tanh, e.x, e.y);
        const std::vector<double> r =
            dn::weight_gradient_norms<dn::Relu>(e.relu, e.x, e.y);
        std::printf(
            "\n||dE/dW_l|| (Frobenius), sigmoid and tanh at Glorot uniform, ReLU "
            "at He uniform:\n");
        std::printf("%5s  %12s  %12s  %12s\n", "l", "sigmoid", "tanh", "ReLU");
        for (std::size_t k = 0; k < s.size(); ++k)
            std::printf("%5zu  %12.4e  %12.4e  %12.4e\n", k + 1, s[k], t[k], r[k]);
        std::printf("\n||dE/dW_1|| / ||dE/dW_l||:  sigmoid %s, tanh %s, ReLU %s\n",
                    ratio(s).c_str(), ratio(t).c_str(), ratio(r).c_str());
        if (plot.wanted())
            write_plot_data(plot, s, t, r);
    });
}
