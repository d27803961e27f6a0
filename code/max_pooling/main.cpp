// The chapter's program: max pooling and average pooling of a random batch of N
// images of C channels, H = W pixels, with a k x k window, stride s and padding p.
// It checks both hand-derived gradients against two oracles (the switches as the
// kink pattern for max pooling), counts the inputs that overlapping windows share,
// and prints the switches of the first image's first channel: which input each
// output took, and how many outputs took each input. With --plot-data it writes
// that channel's input and counts for the chapter's figure.
//
//   max_pooling [--seed S] [--batch N] [--channels C] [--size H] [--kernel k]
//               [--stride s] [--padding p] [--plot-data FILE]
//
// The output depends only on the options: the random numbers come from
// std::mt19937_64 through book::uniform, the same with every standard library.
#include "common/gradient_report.hpp"
#include "common/output.hpp"
#include "common/program.hpp"
#include "common/random.hpp"
#include "gradcheck/gradcheck.hpp"
#include "max_pooling/max_pooling.hpp"
#include "max_pooling/options.hpp"

#include <cinttypes>
#include <cstdio>
#include <ostream>
#include <random>
#include <vector>

namespace {

namespace mp = max_pooling;
using mp::Pooling;
using mp::Vector;

/// L = sum_o g_o y_o: every output matters, with its own weight.
template <class T> T weighted(const mp::VectorT<T>& y, const Vector& g)
{
    T L(0.0);
    for (Eigen::Index o = 0; o < y.size(); ++o) {
        const T term = y(o) * g(o);
        L += term;
    }
    return L;
}

void check_gradients(const Pooling& P, const Vector& x, const Vector& g)
{
    const auto max_loss = [&](const auto& v) {
        using T = gradcheck::scalar_of<decltype(v)>;
        return weighted<T>(mp::max_pool<T>(P, mp::VectorT<T>(v)).y, g);
    };
    const auto average_loss = [&](const auto& v) {
        using T = gradcheck::scalar_of<decltype(v)>;
        return weighted<T>(mp::average_pool<T>(P, mp::VectorT<T>(v)), g);
    };
    gradcheck::CheckOptions switches;
    switches.kink_pattern = [&](const Vector& v) { return mp::switches_of(P, v); };
    std::printf("Gradient of L = sum_o g_o y_o with respect to all %ld inputs, against "
                "two oracles\n",
                static_cast<long>(x.size()));
    const Vector max_hand =
        mp::max_pool_backward(P, mp::max_pool<double>(P, x).switches, g);
    book::check_by_two_oracles("max", max_loss, x, max_hand, book::Report{"max", true},
                               switches);
    book::check_by_two_oracles("average", average_loss, x,
                               mp::average_pool_backward(P, g),
                               book::Report{"average", false});
}

/// How many outputs took each input as their maximum.
std::vector<int> counts_of(const Pooling& P, const std::vector<Eigen::Index>& switches)
{
    std::vector<int> count(static_cast<std::size_t>(P.in.size()), 0);
    for (Eigen::Index s : switches)
        ++count[static_cast<std::size_t>(s)];
    return count;
}

void print_switches(const Pooling& P, const Vector& x,
                    const std::vector<Eigen::Index>& switches)
{
    const std::vector<int> count = counts_of(P, switches);
    long shared = 0;
    long unused = 0;
    for (int k : count) {
        shared += k > 1 ? 1 : 0;
        unused += k == 0 ? 1 : 0;
    }
    std::printf("\nInputs that are the maximum of two windows or more: %ld of %ld; of "
                "none: %ld\n",
                shared, static_cast<long>(P.in.size()), unused);
    std::printf("\nImage 0, channel 0: the input (row r, column q) each output took\n");
    for (Eigen::Index i = 0; i < P.out.H; ++i) {
        for (Eigen::Index j = 0; j < P.out.W; ++j) {
            const Eigen::Index s = switches[static_cast<std::size_t>(i * P.out.W + j)];
            std::printf("  (%ld,%ld)", static_cast<long>(s / P.in.W),
                        static_cast<long>(s % P.in.W));
        }
        std::printf("\n");
    }
    std::printf("\nImage 0, channel 0: x, and [how many outputs took it]\n");
    for (Eigen::Index r = 0; r < P.in.H; ++r) {
        for (Eigen::Index q = 0; q < P.in.W; ++q) {
            const Eigen::Index at = P.in.at(0, 0, r, q);
            std::printf(" %6.3f", x(at));
            const int k = count[static_cast<std::size_t>(at)];
            if (k > 0)
                std::printf("[%d]", k);
            else
                std::printf("   ");
        }
        std::printf("\n");
    }
}

void write_plot_data(book::OutputFile& plot, const Pooling& P, const Vector& x,
                     const std::vector<Eigen::Index>& switches)
{
    const std::vector<int> count = counts_of(P, switches);
    std::ostream& out = plot.stream();
    out << "# index 0: row column x outputs_that_took_it (image 0, channel 0)\n";
    for (Eigen::Index r = 0; r < P.in.H; ++r) {
        for (Eigen::Index q = 0; q < P.in.W; ++q) {
            const Eigen::Index at = P.in.at(0, 0, r, q);
            out << r << ' ' << q << ' ' << x(at) << ' '
                << count[static_cast<std::size_t>(at)] << '\n';
        }
        out << '\n';
    }
    plot.finish();
}

} // namespace

int main(int argc, char** argv)
{
    namespace program = max_pooling::program;
    book::CommandLine command_line{program::description};
    program::Options options;
    program::add_options(command_line, options);
    return book::run_program(command_line, argc, argv, [&] {
        program::validate(options);
        book::OutputFile plot("--plot-data", options.plot_data);
        const Pooling P = program::pooling_of(options);
        std::mt19937_64 rng(options.seed);
        const Vector x = book::random_vector(rng, P.in.size(), -1.0, 1.0);
        const Vector g = book::random_vector(rng, P.out.size(), -1.0, 1.0);
        std::printf("Max pooling: seed %" PRIu64 ", x of N x C x H x W = %ld x %ld x "
                    "%ld x %ld, window %d x %d, stride %d, padding %d\n",
                    options.seed, static_cast<long>(P.in.N), static_cast<long>(P.in.C),
                    static_cast<long>(P.in.H), static_cast<long>(P.in.W),
                    options.kernel, options.kernel, options.stride, options.padding);
        std::printf("y of N x C x H_out x W_out = %ld x %ld x %ld x %ld\n\n",
                    static_cast<long>(P.out.N), static_cast<long>(P.out.C),
                    static_cast<long>(P.out.H), static_cast<long>(P.out.W));
        check_gradients(P, x, g);
        const std::vector<Eigen::Index> switches = mp::max_pool<double>(P, x).switches;
        print_switches(P, x, switches);
        if (plot.wanted())
            write_plot_data(plot, P, x, switches);
    });
}
