// The chapter's program: source 001's three-layer network without biases, trained
// with 001's update rule, one sample at a time, on a smooth regression in the plane
// with c = 2 outputs, t = [1/2 + 1/4 sin(pi x1) cos(pi x2), 1/2 + 1/4 cos(pi x1)
// sin(pi x2)], whose values a sigmoid output can reach. Before training it checks the
// hand-derived gradient of the mean loss over the training points against two
// oracles; then it prints the mean loss every few epochs and at the end. With
// --plot-data it writes the loss curve and, on a grid, the target and the learned
// first output for the book's figures.
//
//   mlp_index_form [--seed S] [--points N] [--hidden h] [--epochs E] [--rate ETA]
//                  [--activation sigmoid|tanh|softplus] [--plot-data FILE]
//
// The output depends only on the options: the random numbers come from
// std::mt19937_64 through book::uniform, the same with every standard library.
#include "common/gradient_report.hpp"
#include "common/output.hpp"
#include "common/program.hpp"
#include "common/random.hpp"
#include "gradcheck/gradcheck.hpp"
#include "mlp_index_form/mlp_index_form.hpp"
#include "mlp_index_form/options.hpp"

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

namespace mi = mlp_index_form;
using mi::Matrix;
using mi::Network;
using mi::Vector;

constexpr Eigen::Index inputs = 2;
constexpr Eigen::Index outputs = 2;
constexpr double pi = 3.14159265358979323846;

/// The two targets at the point (x1, x2).
Vector target(double x1, double x2)
{
    Vector t(outputs);
    t << 0.5 + 0.25 * std::sin(pi * x1) * std::cos(pi * x2),
        0.5 + 0.25 * std::cos(pi * x1) * std::sin(pi * x2);
    return t;
}

/// N points uniform in [-1, 1]^2, one per column of X, and their targets T.
struct Data {
    Matrix X;
    Matrix T;
};

Data make_data(std::mt19937_64& rng, int points)
{
    Data data{Matrix(inputs, points), Matrix(outputs, points)};
    for (Eigen::Index b = 0; b < points; ++b) {
        data.X(0, b) = book::uniform(rng, -1.0, 1.0);
        data.X(1, b) = book::uniform(rng, -1.0, 1.0);
        data.T.col(b) = target(data.X(0, b), data.X(1, b));
    }
    return data;
}

/// w_ji uniform in +-2, w_kj in +-1/sqrt(h).
Network initial_network(std::mt19937_64& rng, int hidden)
{
    const double u = 1.0 / std::sqrt(static_cast<double>(hidden));
    Matrix w_ji = book::random_matrix(rng, hidden, inputs, -2.0, 2.0);
    Matrix w_kj = book::random_matrix(rng, outputs, hidden, -u, u);
    return {w_ji, w_kj};
}

/// The mean of the samples' L over the data set.
template <class F, class T> T mean_loss(const mi::NetworkT<T>& n, const Data& data)
{
    T sum(0.0);
    for (Eigen::Index b = 0; b < data.X.cols(); ++b) {
        const mi::VectorT<T> x = data.X.col(b).cast<T>();
        const T L = mi::loss<F, T>(n, x, data.T.col(b));
        sum += L;
    }
    return sum / static_cast<double>(data.X.cols());
}

/// The hand-derived gradient of the mean loss against two oracles, before training.
template <class F> void check_gradient(const Network& n, const Data& data)
{
    const core::Layout layout = mi::layout_of(n);
    const auto L = [&](const auto& p) {
        using T = gradcheck::scalar_of<decltype(p)>;
        return mean_loss<F, T>(mi::unflatten<T>(layout, p), data);
    };
    Matrix dL_dw_ji = Matrix::Zero(n.w_ji.rows(), n.w_ji.cols());
    Matrix dL_dw_kj = Matrix::Zero(n.w_kj.rows(), n.w_kj.cols());
    for (Eigen::Index b = 0; b < data.X.cols(); ++b) {
        const mi::Gradients g = mi::gradients<F>(n, data.X.col(b), data.T.col(b));
        dL_dw_ji += g.dL_dw_ji;
        dL_dw_kj += g.dL_dw_kj;
    }
    const auto B = static_cast<double>(data.X.cols());
    const Vector hand =
        core::flatten(layout, Matrix(dL_dw_ji / B), Matrix(dL_dw_kj / B));
    const Vector p = mi::flatten(n);
    std::printf(
        "Gradient of the mean loss over the %ld training points (%ld weights),\n"
        "by the index loops, against two oracles\n",
        static_cast<long>(data.X.cols()), static_cast<long>(p.size()));
    book::check_by_two_oracles("mean loss", L, p, hand);
    std::printf("\n");
}

/// Stochastic training: each epoch visits the points in order, one update each by
/// 001's rule; the mean loss after each epoch goes to `curve`.
template <class F>
Network train(Network n, const Data& data, const mi::program::Options& options,
              std::vector<double>& curve)
{
    const int every = options.epochs >= 10 ? options.epochs / 10 : 1;
    std::printf("%8s  %s\n", "epoch", "mean loss L");
    for (int epoch = 0; epoch <= options.epochs; ++epoch) {
        if (epoch > 0)
            for (Eigen::Index b = 0; b < data.X.cols(); ++b)
                n = mi::update<F>(n, data.X.col(b), data.T.col(b), options.rate);
        const double L = mean_loss<F, double>(n, data);
        curve.push_back(L);
        if (epoch % every == 0 || epoch == options.epochs)
            std::printf("%8d  %.6f\n", epoch, L);
        if (!std::isfinite(L))
            throw std::domain_error("the loss diverged at epoch " +
                                    std::to_string(epoch) + "; try a smaller --rate");
    }
    return n;
}

/// Two data blocks, separated by two blank lines (gnuplot's `index`): the mean loss
/// against the epoch; on a grid over [-1, 1]^2, the first target and the first output.
template <class F>
void write_plot_data(book::OutputFile& plot, const std::vector<double>& curve,
                     const Network& n)
{
    std::ostream& out = plot.stream();
    out << "# index 0: epoch mean_loss\n";
    for (std::size_t e = 0; e < curve.size(); ++e)
        out << e << ' ' << curve[e] << '\n';
    out << "\n\n# index 1: x1 x2 t_1 z_1 on a 61 x 61 grid\n";
    constexpr int grid = 61;
    for (int i = 0; i < grid; ++i) {
        for (int j = 0; j < grid; ++j) {
            Vector x(inputs);
            x << -1.0 + 2.0 * i / (grid - 1), -1.0 + 2.0 * j / (grid - 1);
            const Vector z = mi::forward<F, double>(n, x).z_k;
            out << x(0) << ' ' << x(1) << ' ' << target(x(0), x(1))(0) << ' ' << z(0)
                << '\n';
        }
        out << '\n';
    }
    plot.finish();
}

template <class F> void run(const mi::program::Options& options, book::OutputFile& plot)
{
    std::mt19937_64 rng(options.seed);
    const Data data = make_data(rng, options.points);
    const Network start = initial_network(rng, options.hidden);
    std::printf("The multilayer perceptron in index form: seed %" PRIu64
                ", %d points,\nd = 2, h = %d, c = 2, f = %s, %d epochs at rate %g\n\n",
                options.seed, options.points, options.hidden, F::name, options.epochs,
                options.rate);
    check_gradient<F>(start, data);
    std::vector<double> curve;
    const Network trained = train<F>(start, data, options, curve);
    std::printf("\nfinal mean loss      %.6f\n", curve.back());
    if (plot.wanted())
        write_plot_data<F>(plot, curve, trained);
}

} // namespace

int main(int argc, char** argv)
{
    namespace program = mlp_index_form::program;
    book::CommandLine command_line{program::description};
    program::Options options;
    program::add_options(command_line, options);
    return book::run_program(command_line, argc, argv, [&] {
        program::validate(options);
        book::OutputFile plot("--plot-data", options.plot_data);
        if (options.activation == "tanh")
            run<mi::Tanh>(options, plot);
        else if (options.activation == "softplus")
            run<mi::Softplus>(options, plot);
        else
            run<mi::Sigmoid>(options, plot);
    });
}
