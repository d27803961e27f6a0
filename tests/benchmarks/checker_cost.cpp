// What a gradient check costs as the number n of parameters grows: the hand gradient,
// a full Jacobian by each oracle, a directional check with k = 3 directions by each
// oracle, and a 64-coordinate subset check, on a tanh network with softmax
// cross-entropy (tests/support/tanh_mlp.hpp). Not a test: the times depend on the
// machine, and the book quotes none of them.
//
//   build/bench_checker_cost      (cmake --build --preset release --target
//   bench_checker_cost)
#include "support/tanh_mlp.hpp"

#include <array>
#include <chrono>
#include <cstdio>
#include <exception>
#include <functional>
#include <string>
#include <vector>

namespace {

using gradcheck::Oracle;
using gradcheck::Vector;

constexpr double budget =
    10.0; // seconds: a full Jacobian estimated to take longer is skipped
constexpr int k = 3;
constexpr std::uint64_t seed = 1;

/// Seconds per call of `work`, repeated until at least a fifth of a second has passed.
double seconds_per_call(const std::function<void()>& work)
{
    using clock = std::chrono::steady_clock;
    int calls = 0;
    const auto start = clock::now();
    double elapsed = 0.0;
    do {
        work();
        ++calls;
        elapsed = std::chrono::duration<double>(clock::now() - start).count();
    } while (elapsed < 0.2);
    return elapsed / calls;
}

/// Forward-mode autodiff along u with Eigen's dynamic derivative vector, one entry
/// long: the alternative to gradcheck::Dual1 (a fixed 1-vector) that the checker
/// does not use, timed to show why.
template <class F>
double dynamic_dual_along(const F& f, const Vector& x, const Vector& u)
{
    gradcheck::VectorT<gradcheck::Dual> xd(x.size());
    for (Eigen::Index i = 0; i < x.size(); ++i) {
        xd(i) = gradcheck::Dual(x(i), 1, 0); // one derivative, seeded with 1 ...
        xd(i).derivatives()(0) = u(i);       // ... then with u_i
    }
    return f(xd).derivatives()(0);
}

struct Row {
    std::string what;
    std::vector<std::string> cells;
};

std::string format_seconds(double s)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3g s", s);
    return buffer;
}

std::string format_ratio(double r)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3g", r);
    return buffer;
}

void run()
{
    // D-H-C networks with a batch of 8: n = 108, 992, 10,000 and 99,385 parameters.
    const std::array<std::array<Eigen::Index, 3>, 4> sizes = {
        {{8, 8, 4}, {32, 24, 8}, {100, 90, 10}, {784, 125, 10}}};
    const std::array<Oracle, 4> oracles = {Oracle::forward_difference,
                                           Oracle::central_difference,
                                           Oracle::complex_step, Oracle::autodiff};
    std::vector<Row> rows;
    const auto row = [&rows](const std::string& what) -> Row& {
        for (Row& r : rows)
            if (r.what == what)
                return r;
        rows.push_back({what, {}});
        return rows.back();
    };
    std::vector<std::string> header;
    for (const auto& [D, H, C] : sizes) {
        Vector theta;
        const tanh_mlp::Net net = tanh_mlp::make_net(D, H, C, 8, seed, theta);
        const auto f = [&net](const auto& t) {
            return tanh_mlp::loss<gradcheck::scalar_of<decltype(t)>>(net, t);
        };
        const Eigen::Index n = theta.size();
        header.push_back("n = " + std::to_string(n));
        const Vector g = tanh_mlp::gradient(net, theta);

        volatile double sink = 0.0; // keeps the timed calls from being optimised away
        const double forward = seconds_per_call([&] { sink = f(theta); });
        const gradcheck::VectorT<gradcheck::Complex> theta_c =
            theta.cast<gradcheck::Complex>();
        const double forward_complex =
            seconds_per_call([&] { sink = f(theta_c).real(); });
        row("forward pass J(theta)").cells.push_back(format_seconds(forward));
        row("hand gradient (backprop)")
            .cells.push_back(format_seconds(
                seconds_per_call([&] { tanh_mlp::gradient(net, theta); })));

        // Full Jacobians: estimated from the passes they take before they are run.
        const gradcheck::Vector u = gradcheck::random_directions(n, 1, seed).col(0);
        const double dual1 = seconds_per_call(
            [&] { sink = gradcheck::autodiff_along(f, theta, u).derivative; });
        const auto d = static_cast<double>(n);
        const std::array<double, 4> estimates = {(d + 1) * forward, 2 * d * forward,
                                                 d * forward_complex, d * dual1};
        for (std::size_t o = 0; o < oracles.size(); ++o) {
            Row& r = row(std::string("full Jacobian, ") + gradcheck::name(oracles[o]));
            if (estimates[o] > budget) {
                r.cells.emplace_back("skipped");
                continue;
            }
            const auto start = std::chrono::steady_clock::now();
            gradcheck::check_gradient("bench", f, theta, g, oracles[o]);
            r.cells.push_back(format_seconds(
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
                    .count()));
        }

        for (Oracle oracle : oracles) {
            const double t = seconds_per_call([&] {
                gradcheck::check_directional("bench", f, theta, g, oracle, k, seed);
            });
            row(std::string("directional k = 3, ") + gradcheck::name(oracle))
                .cells.push_back(format_seconds(t));
            row(std::string("  / forward pass, ") + gradcheck::name(oracle))
                .cells.push_back(format_ratio(t / forward));
        }
        const double dynamic =
            k * seconds_per_call([&] { sink = dynamic_dual_along(f, theta, u); });
        row("directional k = 3, autodiff with Dual (1-long dynamic)")
            .cells.push_back(format_seconds(dynamic));

        for (Oracle oracle : oracles) {
            const double t = seconds_per_call([&] {
                gradcheck::check_coordinates("bench", f, net.layout, theta, g, oracle,
                                             64, seed);
            });
            row(std::string("64 coordinates, ") + gradcheck::name(oracle))
                .cells.push_back(format_seconds(t));
        }
    }
    std::printf("%-56s", "");
    for (const std::string& h : header)
        std::printf("%14s", h.c_str());
    std::printf("\n");
    for (const Row& r : rows) {
        std::printf("%-56s", r.what.c_str());
        for (const std::string& cell : r.cells)
            std::printf("%14s", cell.c_str());
        std::printf("\n");
    }
}

} // namespace

int main()
{
    try {
        run();
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
}
