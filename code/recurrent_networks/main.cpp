// The chapter's program: an Elman network, h_t = tanh(W h_{t-1} + U x_t + b),
// o_t = V h_t + c, y_hat_t = softmax(o_t), learns to repeat each symbol of a random
// sequence d steps later (the "echo" task: until step d it answers "blank"). Before
// training it checks the hand-derived gradient of a batch against two oracles; then
// it trains two copies of one initial network on the same batches, one by full
// backpropagation through time and one by the backward pass truncated after d steps,
// which is one step too short to reach from an echo back to its symbol. It prints
// both losses and accuracies, then how the gradient reaching h_t shrinks or grows
// with the largest singular value of W, and how far each truncation is from the
// gradient. With --plot-data it writes the data of the chapter's three figures.
//
//   recurrent_networks [--seed S] [--symbols D] [--delay d] [--length T]
//                      [--hidden H] [--batch B] [--steps N] [--rate ETA]
//                      [--clip THETA] [--plot-data FILE]
//
// The output depends only on the options: the random numbers come from
// std::mt19937_64 through book::uniform, the same with every standard library.
#include "common/gradient_report.hpp"
#include "common/output.hpp"
#include "common/program.hpp"
#include "common/random.hpp"
#include "gradcheck/gradcheck.hpp"
#include "recurrent_networks/options.hpp"
#include "recurrent_networks/recurrent_networks.hpp"

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <ostream>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

namespace rn = recurrent_networks;
using rn::Matrix;
using rn::Rnn;
using rn::Sequence;
using rn::Vector;
using Options = rn::program::Options;

/// D symbols as one-hot inputs; the targets have K = D + 1 classes, class 0 the
/// blank of the first d steps and class 1 + s the echo of symbol s.
Sequence make_echo(std::mt19937_64& rng, const Options& o)
{
    const Eigen::Index T = o.length;
    Sequence s{Matrix::Zero(o.symbols, T), Matrix::Zero(o.symbols + 1, T)};
    std::vector<Eigen::Index> symbol(static_cast<std::size_t>(T));
    for (Eigen::Index t = 0; t < T; ++t) {
        const auto k = static_cast<Eigen::Index>(book::uniform(rng, 0.0, o.symbols));
        symbol[static_cast<std::size_t>(t)] = k < o.symbols ? k : o.symbols - 1;
        s.X(symbol[static_cast<std::size_t>(t)], t) = 1.0;
        s.Y(t < o.delay ? 0 : 1 + symbol[static_cast<std::size_t>(t - o.delay)], t) =
            1.0;
    }
    return s;
}

std::vector<Sequence> make_batch(std::mt19937_64& rng, const Options& o, int count)
{
    std::vector<Sequence> batch;
    batch.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i)
        batch.push_back(make_echo(rng, o));
    return batch;
}

/// W, U and V uniform in +-1/sqrt(fan-in) (H for W and V, 1 for the one-hot U), the
/// biases and h0 zero.
Rnn initial_network(std::mt19937_64& rng, const Options& o)
{
    const Eigen::Index H = o.hidden;
    const double w = 1.0 / std::sqrt(static_cast<double>(H));
    Matrix W = book::random_matrix(rng, H, H, -w, w);
    Matrix U = book::random_matrix(rng, H, o.symbols, -1.0, 1.0);
    Matrix V = book::random_matrix(rng, o.symbols + 1, H, -w, w);
    return {W, U, Vector::Zero(H), V, Vector::Zero(o.symbols + 1), Vector::Zero(H)};
}

/// The hand-derived gradient of a batch against two oracles, before training.
void check_gradient(const Rnn& n, const std::vector<Sequence>& batch)
{
    const core::Layout layout = rn::layout_of(n);
    const auto L = [&](const auto& p) {
        using T = gradcheck::scalar_of<decltype(p)>;
        return rn::batch_loss<T>(rn::unflatten<T>(layout, p), batch);
    };
    const Vector p = rn::flatten(n);
    const Vector hand = rn::flat_gradient(n, rn::batch_bptt(n, batch));
    std::printf("Gradient of the mean loss over a batch of %zu sequences, %ld "
                "parameters, by BPTT against two oracles\n",
                batch.size(), static_cast<long>(p.size()));
    book::check_by_two_oracles("batch", L, p, hand);
    std::printf("\n");
}

/// The share of the steps t >= d whose most probable class is the echo.
double accuracy(const Rnn& n, const std::vector<Sequence>& batch, int delay)
{
    long right = 0;
    long total = 0;
    for (const Sequence& s : batch) {
        const rn::Forward f = rn::forward(n, s.X);
        for (Eigen::Index t = delay; t < s.X.cols(); ++t) {
            Eigen::Index predicted = 0;
            Eigen::Index target = 0;
            f.O.col(t).maxCoeff(&predicted);
            s.Y.col(t).maxCoeff(&target);
            right += predicted == target ? 1 : 0;
            ++total;
        }
    }
    return static_cast<double>(right) / static_cast<double>(total);
}

/// Gradient descent with norm clipping; k = 0 is full BPTT, k > 0 the backward pass
/// truncated after k steps. The mean loss per step of each batch goes to `curve`.
Rnn train(Rnn n, const Options& o, Eigen::Index k, std::vector<double>& curve)
{
    std::mt19937_64 data(o.seed + 1); // the same batches for every k
    const core::Layout layout = rn::layout_of(n);
    for (int step = 0; step < o.steps; ++step) {
        const std::vector<Sequence> batch = make_batch(data, o, o.batch);
        const double L = rn::batch_loss<double>(n, batch) / o.length;
        if (!std::isfinite(L))
            throw std::domain_error("the loss diverged at step " +
                                    std::to_string(step) + "; try a smaller --rate");
        curve.push_back(L);
        const rn::Gradients g =
            k == 0 ? rn::batch_bptt(n, batch) : rn::batch_truncated_bptt(n, batch, k);
        const Vector step_vector = rn::clip_norm(rn::flat_gradient(n, g), o.clip);
        Vector p = rn::flatten(n);
        p -= o.rate * step_vector; // one clipped step downhill
        n = rn::unflatten<double>(layout, p);
    }
    return n;
}

/// ||grad_{h_t} L_T|| for t = 1 ... T of the sequence s, W of the initial network
/// scaled to each largest singular value in `sigmas`.
Matrix gradient_norms(const Rnn& start, const Sequence& s,
                      const std::vector<double>& sigmas)
{
    Matrix norms(s.X.cols(), static_cast<Eigen::Index>(sigmas.size()));
    for (std::size_t j = 0; j < sigmas.size(); ++j) {
        Rnn n = start;
        n.W = rn::with_largest_singular_value(start.W, sigmas[j]);
        norms.col(static_cast<Eigen::Index>(j)) = rn::state_gradient_norms(n, s.X, s.Y);
    }
    return norms;
}

/// ||g_k - g|| / ||g|| for k = 1 ... T: how far each truncation is from the gradient.
Vector truncation_gaps(const Rnn& n, const Sequence& s)
{
    const Vector g = rn::flat_gradient(n, rn::bptt(n, s.X, s.Y));
    Vector gaps(s.X.cols());
    for (Eigen::Index k = 1; k <= s.X.cols(); ++k)
        gaps(k - 1) =
            (rn::flat_gradient(n, rn::truncated_bptt(n, s.X, s.Y, k)) - g).norm() /
            g.norm();
    return gaps;
}

/// The two training losses, every tenth of the way and at the last step.
void print_losses(const std::vector<double>& full, const std::vector<double>& truncated)
{
    const std::size_t steps = full.size();
    const std::size_t every = steps >= 10 ? steps / 10 : 1;
    std::printf("%8s  %-14s  %s\n", "step", "full BPTT", "truncated, k = d");
    for (std::size_t s = 0; s < steps; ++s)
        if (s % every == 0 || s + 1 == steps)
            std::printf("%8zu  %-14.6f  %.6f\n", s, full[s], truncated[s]);
}

/// The norms at t = 1, every fifth step and the last (every step in --plot-data).
void print_norms(const Matrix& norms, const std::vector<double>& sigmas)
{
    std::printf("\n||grad h_t L_T|| of the initial network, W scaled to sigma_max\n");
    std::printf("%6s", "t");
    for (double sigma : sigmas)
        std::printf("  sigma = %-6g", sigma);
    std::printf("\n");
    for (Eigen::Index t = 0; t < norms.rows(); ++t) {
        if ((t + 1) % 5 != 0 && t != 0 && t + 1 != norms.rows())
            continue;
        std::printf("%6ld", static_cast<long>(t + 1));
        for (Eigen::Index j = 0; j < norms.cols(); ++j)
            std::printf("  %-14.3e", norms(t, j));
        std::printf("\n");
    }
}

void print_gaps(const Vector& gaps)
{
    std::printf("\n||g_k - g|| / ||g||, the backward pass truncated after k steps\n");
    for (Eigen::Index k = 0; k < gaps.size(); ++k)
        std::printf("  k = %-4ld %.3e\n", static_cast<long>(k + 1), gaps(k));
}

void write_plot_data(book::OutputFile& plot, const std::vector<double>& full,
                     const std::vector<double>& truncated, const Matrix& norms,
                     const std::vector<double>& sigmas, const Vector& gaps)
{
    std::ostream& out = plot.stream();
    out << "# index 0: step loss_full_bptt loss_truncated\n";
    for (std::size_t k = 0; k < full.size(); ++k)
        out << k << ' ' << full[k] << ' ' << truncated[k] << '\n';
    out << "\n\n# index 1: t";
    for (double sigma : sigmas)
        out << " norm_sigma_" << sigma;
    out << '\n';
    for (Eigen::Index t = 0; t < norms.rows(); ++t) {
        out << t + 1;
        for (Eigen::Index j = 0; j < norms.cols(); ++j)
            out << ' ' << norms(t, j);
        out << '\n';
    }
    out << "\n\n# index 2: k relative_gap\n";
    for (Eigen::Index k = 0; k < gaps.size(); ++k)
        out << k + 1 << ' ' << gaps(k) << '\n';
    plot.finish();
}

} // namespace

int main(int argc, char** argv)
{
    namespace program = recurrent_networks::program;
    book::CommandLine command_line{program::description};
    Options options;
    program::add_options(command_line, options);
    return book::run_program(command_line, argc, argv, [&] {
        program::validate(options);
        book::OutputFile plot("--plot-data", options.plot_data);
        std::mt19937_64 rng(options.seed);
        const Rnn start = initial_network(rng, options);
        std::printf(
            "Recurrent networks: seed %" PRIu64 ", %d symbols, echo after d = %d "
            "steps, T = %d, H = %d, batches of %d, %d steps at rate %g, "
            "gradients clipped to norm %g\n\n",
            options.seed, options.symbols, options.delay, options.length,
            options.hidden, options.batch, options.steps, options.rate, options.clip);
        check_gradient(start, make_batch(rng, options, 2));

        const auto k_short = static_cast<Eigen::Index>(options.delay);
        std::vector<double> full;
        std::vector<double> truncated;
        const Rnn by_bptt = train(start, options, 0, full);
        const Rnn by_truncated =
            k_short > 0 ? train(start, options, k_short, truncated) : by_bptt;
        if (k_short == 0)
            truncated = full;
        print_losses(full, truncated);

        std::mt19937_64 test_rng(options.seed + 2);
        const std::vector<Sequence> test = make_batch(test_rng, options, 200);
        std::printf("\naccuracy of the echo on 200 new sequences (steps t > d)\n");
        std::printf("  full BPTT            %.4f\n",
                    accuracy(by_bptt, test, options.delay));
        std::printf("  truncated, k = %-4d  %.4f\n", options.delay,
                    accuracy(by_truncated, test, options.delay));
        std::printf("  chance               %.4f\n", 1.0 / options.symbols);

        const std::vector<double> sigmas = {0.5, 1.0, 1.5, 3.0};
        Options long_run = options; // a probe of 40 steps, as long as the longest
        long_run.length = std::max(options.length, 40);
        const Sequence probe = make_echo(test_rng, long_run);
        const Matrix norms = gradient_norms(start, probe, sigmas);
        print_norms(norms, sigmas);
        const Vector gaps = truncation_gaps(start, make_echo(test_rng, options));
        print_gaps(gaps);
        if (plot.wanted())
            write_plot_data(plot, full, truncated, norms, sigmas, gaps);
    });
}
