// The chapter's program: source 000's network, z = W x + b1, h = ReLU(z),
// theta = U h + b2, trained by plain gradient descent on the mean cross-entropy of
// three interleaved spirals in the plane. Before training it checks the hand-derived
// gradient of the whole training batch against the oracles; then it prints the loss
// every few steps, the final loss and the training accuracy. With --plot-data it
// writes the loss curve, the decision regions and the points for the book's figures.
//
//   one_hidden_layer [--seed S] [--points N] [--hidden Dh] [--steps T] [--rate ETA]
//                    [--plot-data FILE]
//
// The output depends only on the options: the random numbers come from
// std::mt19937_64 through book::uniform, the same with every standard library.
#include "common/gradient_report.hpp"
#include "common/output.hpp"
#include "common/program.hpp"
#include "common/random.hpp"
#include "gradcheck/gradcheck.hpp"
#include "one_hidden_layer/one_hidden_layer.hpp"
#include "one_hidden_layer/options.hpp"

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

namespace oh = one_hidden_layer;
using oh::Matrix;
using oh::Network;
using oh::Vector;

constexpr Eigen::Index classes = 3;
constexpr double pi = 3.14159265358979323846;

/// The training set: N points on each of three spirals, X (2 x 3N) and one-hot Y.
struct Spirals {
    Matrix X;
    Matrix Y;
    Eigen::VectorXi label;
};

/// Spiral k turns from the centre outwards through one turn and a half, starting at
/// angle 2 pi k / 3; each point's angle is jittered by up to +-0.2 rad.
Spirals make_spirals(std::mt19937_64& rng, int points)
{
    const Eigen::Index n = points;
    Spirals s{Matrix(2, classes * n), Matrix::Zero(classes, classes * n),
              Eigen::VectorXi(classes * n)};
    for (Eigen::Index k = 0; k < classes; ++k)
        for (Eigen::Index i = 0; i < n; ++i) {
            const double r = static_cast<double>(i + 1) / static_cast<double>(n);
            const double t = 2.0 * pi * static_cast<double>(k) / 3.0 + 3.0 * pi * r +
                             book::uniform(rng, -0.2, 0.2);
            const Eigen::Index b = k * n + i;
            s.X(0, b) = r * std::cos(t);
            s.X(1, b) = r * std::sin(t);
            s.Y(k, b) = 1.0;
            s.label(b) = static_cast<int>(k);
        }
    return s;
}

/// W uniform in +-2 and b1 in +-1, so that the kinks W_j x + b1_j = 0 of the hidden
/// units cross the plane near the spirals in all directions; U in +-1/sqrt(Dh), b2 = 0.
Network initial_network(std::mt19937_64& rng, int hidden)
{
    const double u = 1.0 / std::sqrt(static_cast<double>(hidden));
    Matrix W = book::random_matrix(rng, hidden, 2, -2.0, 2.0);
    Vector b1 = book::random_vector(rng, hidden, -1.0, 1.0);
    Matrix U = book::random_matrix(rng, classes, hidden, -u, u);
    return {W, b1, U, Vector::Zero(classes)};
}

double accuracy(const Network& n, const Spirals& s)
{
    const Eigen::VectorXi predicted = oh::predict(n, s.X);
    return static_cast<double>((predicted.array() == s.label.array()).count()) /
           static_cast<double>(s.X.cols());
}

/// The hand-derived gradient of the whole batch against two oracles, before training.
void check_gradient(const Network& n, const Spirals& s)
{
    const core::Layout layout = oh::layout_of(n);
    const Matrix& X = s.X;
    const Matrix& Y = s.Y;
    const auto J = [&](const auto& p) {
        using T = gradcheck::scalar_of<decltype(p)>;
        return oh::batch_loss<T>(oh::unflatten<T>(layout, p), X.cast<T>().eval(), Y);
    };
    const Vector p = oh::flatten(n);
    const oh::BatchGradients g = oh::batch_gradients(n, X, Y);
    const Vector hand = core::flatten(layout, g.dW, g.db1, g.dU, g.db2);
    gradcheck::CheckOptions options;
    options.kink_pattern = [&](const Vector& q) {
        const Network m = oh::unflatten<double>(layout, q);
        const Matrix Z = (m.W * X).colwise() + m.b1;
        std::vector<long> mask;
        for (Eigen::Index k = 0; k < Z.size(); ++k)
            mask.push_back(Z.data()[k] > 0.0 ? 1 : 0);
        return mask;
    };
    std::printf("Gradient of the mean loss over the %ld training points, %ld "
                "parameters, by hand against two oracles\n",
                static_cast<long>(X.cols()), static_cast<long>(p.size()));
    book::Report how;
    how.kinks = true;
    book::check_by_two_oracles("batch", J, p, hand, how, options);
    std::printf("\n");
}

/// Gradient descent; the loss of each step goes to `curve`.
Network train(Network n, const Spirals& s, const oh::program::Options& options,
              std::vector<double>& curve)
{
    const int every = options.steps >= 10 ? options.steps / 10 : 1;
    std::printf("%8s  %s\n", "step", "mean loss J");
    for (int step = 0; step <= options.steps; ++step) {
        const double J = oh::batch_loss(n, s.X, s.Y);
        curve.push_back(J);
        if (step % every == 0 || step == options.steps)
            std::printf("%8d  %.6f\n", step, J);
        if (!std::isfinite(J))
            throw std::domain_error("the loss diverged at step " +
                                    std::to_string(step) + "; try a smaller --rate");
        if (step == options.steps)
            break;
        const oh::BatchGradients g = oh::batch_gradients(n, s.X, s.Y);
        n.W -= options.rate * g.dW; // one step downhill
        n.b1 -= options.rate * g.db1;
        n.U -= options.rate * g.dU;
        n.b2 -= options.rate * g.db2;
    }
    return n;
}

/// Three data blocks, separated by two blank lines (gnuplot's `index`): the loss
/// against the step; the predicted class on a grid over the plane; the points.
void write_plot_data(book::OutputFile& plot, const std::vector<double>& curve,
                     const Network& n, const Spirals& s)
{
    std::ostream& out = plot.stream();
    out << "# index 0: step loss\n";
    for (std::size_t k = 0; k < curve.size(); ++k)
        out << k << ' ' << curve[k] << '\n';
    out << "\n\n# index 1: x1 x2 predicted class, a 121 x 121 grid\n";
    constexpr int grid = 121;
    Matrix G(2, grid * grid);
    for (int i = 0; i < grid; ++i)
        for (int j = 0; j < grid; ++j) {
            G(0, i * grid + j) = -1.2 + 2.4 * i / (grid - 1);
            G(1, i * grid + j) = -1.2 + 2.4 * j / (grid - 1);
        }
    const Eigen::VectorXi region = oh::predict(n, G);
    for (int i = 0; i < grid; ++i) {
        for (int j = 0; j < grid; ++j)
            out << G(0, i * grid + j) << ' ' << G(1, i * grid + j) << ' '
                << region(i * grid + j) << '\n';
        out << '\n';
    }
    out << "\n# index 2: x1 x2 class of the training points\n";
    for (Eigen::Index b = 0; b < s.X.cols(); ++b)
        out << s.X(0, b) << ' ' << s.X(1, b) << ' ' << s.label(b) << '\n';
    plot.finish();
}

} // namespace

int main(int argc, char** argv)
{
    namespace program = one_hidden_layer::program;
    book::CommandLine command_line{program::description};
    program::Options options;
    program::add_options(command_line, options);
    return book::run_program(command_line, argc, argv, [&] {
        program::validate(options);
        book::OutputFile plot("--plot-data", options.plot_data);
        std::mt19937_64 rng(options.seed);
        const Spirals s = make_spirals(rng, options.points);
        const Network start = initial_network(rng, options.hidden);
        std::printf("One hidden layer: seed %" PRIu64 ", %d points per spiral, Dx = 2, "
                    "Dh = %d, Nc = 3, %d steps at rate %g\n\n",
                    options.seed, options.points, options.hidden, options.steps,
                    options.rate);
        check_gradient(start, s);
        std::vector<double> curve;
        const Network trained = train(start, s, options, curve);
        std::printf("\nfinal mean loss      %.6f\n", curve.back());
        std::printf("training accuracy    %.4f (%ld points)\n", accuracy(trained, s),
                    static_cast<long>(s.X.cols()));
        if (plot.wanted())
            write_plot_data(plot, curve, trained, s);
    });
}
