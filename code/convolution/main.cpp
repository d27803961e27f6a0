// The chapter's program: a convolution layer with several channels, a batch, stride,
// zero padding and dilation, run on an input it draws from the seed. It prints the
// output size of each axis and the shapes, checks the direct backward pass against
// two oracles, and compares it with the dense layer with tied weights (source 004's
// route). With --plot-data it writes the data of the chapter's figures: the pattern
// of zeros and ties of a small layer's dense W, and an input, an upstream gradient,
// the input's gradient and the kernel's gradient as maps.
//
//   convolution [--seed S] [--batch M] [--channels D] [--filters O] [--height n_h]
//               [--width n_w] [--kernel F] [--stride s] [--padding p]
//               [--dilation d] [--plot-data FILE]
//
// The output depends only on the options: the random numbers come from
// std::mt19937_64 through book::uniform, the same with every standard library.
#include "common/gradient_report.hpp"
#include "common/output.hpp"
#include "common/program.hpp"
#include "common/random.hpp"
#include "convolution/convolution.hpp"
#include "convolution/options.hpp"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <ostream>
#include <random>
#include <vector>

namespace {

namespace cv = convolution;
using cv::Geometry;
using cv::Matrix;
using cv::Vector;
using Options = cv::program::Options;

void print_axis(const char* name, const core::Window& w, Eigen::Index outputs)
{
    std::printf("  %-7s n = %-3ld F = %-3ld s = %-3ld p = %-3ld d = %-3ld  "
                "floor((n + 2p - d(F - 1) - 1) / s) + 1 = %ld\n",
                name, static_cast<long>(w.size), static_cast<long>(w.kernel),
                static_cast<long>(w.stride), static_cast<long>(w.padding),
                static_cast<long>(w.dilation), static_cast<long>(outputs));
}

/// The dense W of one image: its size, its nonzero entries, and how many copies the
/// most and the least used kernel weight has.
void print_dense(const Geometry& g, const cv::Dense& d)
{
    std::vector<long> copies(static_cast<std::size_t>(g.kernel_size()), 0);
    long nonzero = 0;
    for (Eigen::Index q = 0; q < d.tie.cols(); ++q)
        for (Eigen::Index r = 0; r < d.tie.rows(); ++r)
            if (d.tie(r, q) >= 0) {
                ++copies[static_cast<std::size_t>(d.tie(r, q))];
                ++nonzero;
            }
    const auto [fewest, most] = std::minmax_element(copies.begin(), copies.end());
    std::printf("  the dense W of one image: %ld x %ld, %ld entries, %ld of them "
                "copies of the %ld kernel weights (%ld to %ld copies each)\n",
                static_cast<long>(d.W.rows()), static_cast<long>(d.W.cols()),
                static_cast<long>(d.W.size()), nonzero,
                static_cast<long>(g.kernel_size()), *fewest, *most);
}

double worst(const Vector& a, const Vector& b)
{
    return (a - b).cwiseAbs().maxCoeff();
}

/// The data of the figures: index 0, the tie pattern of a small layer's dense W (the
/// flat kernel index of each entry, -1 for a zero); index 1 to 4, the maps of image
/// 0, channel 0: V, G of output channel 0, dC/dV, and dC/dK of filter 0, channel 0.
void write_plot_data(book::OutputFile& plot, const Geometry& g, const Vector& V,
                     const Vector& G, const cv::Gradients& d)
{
    std::ostream& out = plot.stream();
    Geometry small; // 1 channel, 5 x 6, a 3 x 3 kernel, stride 1, no padding
    small.rows = {5, 3, 1, 0, 1};
    small.cols = {6, 3, 1, 0, 1};
    const cv::Dense pattern = cv::dense(small, Vector::LinSpaced(9, 1.0, 9.0));
    out << "# index 0: the tie of W(r, q) of a 5 x 6 image and a 3 x 3 kernel, "
           "a row per output, -1 for a zero\n";
    for (Eigen::Index r = 0; r < pattern.tie.rows(); ++r) {
        for (Eigen::Index q = 0; q < pattern.tie.cols(); ++q)
            out << (q > 0 ? " " : "") << pattern.tie(r, q);
        out << '\n';
    }
    const auto map = [&](const char* what, Eigen::Index rows, Eigen::Index cols,
                         const auto& entry) {
        out << "\n\n# " << what << '\n';
        for (Eigen::Index y = 0; y < rows; ++y) {
            for (Eigen::Index x = 0; x < cols; ++x)
                out << (x > 0 ? " " : "") << entry(y, x);
            out << '\n';
        }
    };
    const Eigen::Index H = g.rows.size;
    const Eigen::Index W = g.cols.size;
    map("index 1: V, image 0, channel 0", H, W,
        [&](Eigen::Index y, Eigen::Index x) { return V(g.v_index(0, 0, y, x)); });
    map("index 2: G = dC/dZ, image 0, output channel 0", g.P(), g.Q(),
        [&](Eigen::Index i, Eigen::Index j) { return G(g.z_index(0, 0, i, j)); });
    map("index 3: dC/dV, image 0, channel 0", H, W,
        [&](Eigen::Index y, Eigen::Index x) { return d.dV(g.v_index(0, 0, y, x)); });
    map("index 4: dC/dK, filter 0, channel 0", g.rows.kernel, g.cols.kernel,
        [&](Eigen::Index k, Eigen::Index l) { return d.dK(g.k_index(0, 0, k, l)); });
    plot.finish();
}

} // namespace

int main(int argc, char** argv)
{
    namespace program = convolution::program;
    book::CommandLine command_line{program::description};
    Options options;
    program::add_options(command_line, options);
    return book::run_program(command_line, argc, argv, [&] {
        program::validate(options);
        book::OutputFile plot("--plot-data", options.plot_data);
        const Geometry g = program::geometry_of(options);
        std::printf("Convolution: seed %" PRIu64 ", M = %d images of D = %d channels, "
                    "%d x %d, O = %d filters of %d x %d taps\n\n",
                    options.seed, options.batch, options.channels, options.height,
                    options.width, options.filters, options.kernel, options.kernel);
        std::printf("Output size of each axis\n");
        print_axis("rows", g.rows, g.P());
        print_axis("columns", g.cols, g.Q());

        std::mt19937_64 rng(options.seed);
        const Vector V = book::random_vector(rng, g.input_size(), -1.0, 1.0);
        const Vector K = book::random_vector(rng, g.kernel_size(), -0.5, 0.5);
        const Vector b = book::random_vector(rng, g.filters, -0.5, 0.5);
        const Vector r = book::random_vector(rng, g.output_size(), -1.0, 1.0);
        const Vector Z = cv::forward<double>(g, V, K, b);
        const Vector G = cv::upstream(Z, r);
        std::printf("\nShapes, flat (batch, channel, row, column)\n");
        std::printf("  V %ld = %d x %d x %d x %d, K %ld = %d x %d x %d x %d, b %d, "
                    "Z %ld = %d x %d x %ld x %ld\n",
                    static_cast<long>(V.size()), options.batch, options.channels,
                    options.height, options.width, static_cast<long>(K.size()),
                    options.filters, options.channels, options.kernel, options.kernel,
                    options.filters, static_cast<long>(Z.size()), options.batch,
                    options.filters, static_cast<long>(g.P()),
                    static_cast<long>(g.Q()));
        const cv::Dense dense = cv::dense(g, K);
        print_dense(g, dense);

        const cv::Gradients direct = cv::backward(g, V, K, G);
        const Vector theta = cv::join(V, K, b);
        const auto C = [&](const auto& p) {
            return cv::loss_of_theta<gradcheck::scalar_of<decltype(p)>>(g, p, r);
        };
        std::printf("\nThe direct backward pass [dC/dV, dC/dK, dC/db] of "
                    "C = sum_i (r_i z_i + z_i^2 / 2), %ld parameters, against two "
                    "oracles\n",
                    static_cast<long>(theta.size()));
        book::check_by_two_oracles("direct", C, theta, cv::join(direct));

        const cv::Gradients tied = cv::by_ties(g, V, K, G);
        std::printf("\nThe dense layer with tied weights against the direct pass: "
                    "max |difference|\n");
        std::printf("  dC/dV %.3e\n  dC/dK %.3e\n  dC/db %.3e\n",
                    worst(tied.dV, direct.dV), worst(tied.dK, direct.dK),
                    worst(tied.db, direct.db));
        if (plot.wanted())
            write_plot_data(plot, g, V, G, direct);
    });
}
