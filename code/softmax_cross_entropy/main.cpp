// The chapter's program: a softmax example, its Jacobian, the gradient y_hat - y
// against the three oracles, a batch, labels that do not sum to one, logits of
// +-1000 through the naive and the stable formula, and two classes as a sigmoid.
//
//   softmax_cross_entropy [--seed S] [--classes N] [--batch B]
//
// The output depends only on the options: the random numbers come from
// std::mt19937_64 and a fixed mapping to [0, 1), the same with every standard library.
#include "common/program.hpp"
#include "common/random.hpp"
#include "gradcheck/gradcheck.hpp"
#include "softmax_cross_entropy/options.hpp"
#include "softmax_cross_entropy/softmax_cross_entropy.hpp"

#include <cinttypes>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <random>
#include <string>

namespace {

using gradcheck::Oracle;
using softmax_cross_entropy::Matrix;
using softmax_cross_entropy::Vector;

constexpr Oracle oracles[] = {Oracle::central_difference, Oracle::complex_step,
                              Oracle::autodiff};

Vector random_logits(std::mt19937_64& rng, Eigen::Index N)
{
    return book::random_vector(rng, N, -3.0, 3.0);
}

Vector one_hot(std::mt19937_64& rng, Eigen::Index N)
{
    Vector y = Vector::Zero(N);
    y(static_cast<Eigen::Index>(rng() % static_cast<std::uint64_t>(N))) = 1.0;
    return y;
}

std::string number(double x)
{
    if (std::isnan(x))
        return "NaN";
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.6g", x);
    return buffer;
}

void print_vector(const char* name, const Vector& v)
{
    std::printf("  %-28s [", name);
    for (Eigen::Index k = 0; k < v.size(); ++k)
        std::printf("%s%s", k > 0 ? ", " : "", number(v(k)).c_str());
    std::printf("]\n");
}

void print_matrix(const Matrix& m)
{
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
        std::printf("   ");
        for (Eigen::Index j = 0; j < m.cols(); ++j)
            std::printf(" %11.6f", m(i, j));
        std::printf("\n");
    }
}

void print_check(const gradcheck::CheckResult& r)
{
    std::printf("    %-24s worst |error| %-9s  %s\n", gradcheck::name(r.oracle),
                gradcheck::format_number(r.comparison.abs_error).c_str(),
                gradcheck::describe(r.verdict));
}

void show_softmax_and_jacobian(const Vector& theta)
{
    const Vector y_hat = softmax_cross_entropy::softmax(theta);
    std::printf("The softmax\n");
    print_vector("logits theta", theta);
    print_vector("y_hat = softmax(theta)", y_hat);
    std::printf("  sum of y_hat - 1             %s\n\n",
                number(y_hat.sum() - 1.0).c_str());
    const Matrix dy_hat_dtheta = softmax_cross_entropy::softmax_jacobian(y_hat);
    std::printf("Its Jacobian diag(y_hat) - y_hat y_hat^T\n");
    print_matrix(dy_hat_dtheta);
    const auto softmax_map = [](const auto& x) {
        return softmax_cross_entropy::softmax(x);
    };
    for (Oracle oracle : oracles)
        print_check(gradcheck::check_jacobian("jacobian", softmax_map, theta,
                                              dy_hat_dtheta, oracle));
    std::printf("\n");
}

void show_gradient(const Vector& theta, const Vector& y)
{
    std::printf("Cross-entropy and its gradient y_hat - y\n");
    print_vector("label y", y);
    std::printf("  J = -sum y_k ln y_hat_k      %s\n",
                number(softmax_cross_entropy::cross_entropy(theta, y)).c_str());
    const Vector delta1 = softmax_cross_entropy::dJ_dtheta(theta, y);
    print_vector("dJ/dtheta = y_hat - y", delta1);
    const auto J = [&y](const auto& x) {
        return softmax_cross_entropy::cross_entropy(x, y);
    };
    for (Oracle oracle : oracles)
        print_check(gradcheck::check_gradient("grad", J, theta, delta1, oracle));
    std::printf("\n");
}

void show_batch(std::mt19937_64& rng, Eigen::Index N, Eigen::Index B)
{
    Matrix Theta(N, B);
    Matrix Y(N, B);
    for (Eigen::Index b = 0; b < B; ++b) {
        Theta.col(b) = random_logits(rng, N);
        Y.col(b) = one_hot(rng, N);
    }
    std::printf(
        "A batch of B = %ld, one sample per column: dJ/dTheta = (Y_hat - Y) / B\n",
        static_cast<long>(B));
    std::printf(
        "  mean loss J                  %s\n",
        number(softmax_cross_entropy::batch_cross_entropy<double>(Theta, Y)).c_str());
    const Matrix dJ = softmax_cross_entropy::dJ_dTheta(Theta, Y);
    const auto J = [&Y](const auto& x) {
        using T = gradcheck::scalar_of<decltype(x)>;
        const gradcheck::MatrixT<T> X =
            Eigen::Map<const gradcheck::MatrixT<T>>(x.data(), Y.rows(), Y.cols());
        return softmax_cross_entropy::batch_cross_entropy<T>(X, Y);
    };
    const Vector x = Eigen::Map<const Vector>(Theta.data(), Theta.size());
    const Vector g = Eigen::Map<const Vector>(dJ.data(), dJ.size());
    for (Oracle oracle : {Oracle::central_difference, Oracle::autodiff})
        print_check(gradcheck::check_gradient("batch", J, x, g, oracle));
    std::printf("\n");
}

void show_labels_not_summing_to_one(const Vector& theta, const Vector& y_onehot)
{
    const Vector y = 0.9 * y_onehot; // label smoothing half done: sum(y) = 0.9
    std::printf("Labels that sum to 0.9 instead of 1\n");
    const auto J = [&y](const auto& x) {
        return softmax_cross_entropy::cross_entropy(x, y);
    };
    std::printf("  y_hat - y (assumes sum(y) = 1):\n");
    print_check(gradcheck::check_gradient("sum", J, theta,
                                          softmax_cross_entropy::dJ_dtheta(theta, y),
                                          Oracle::complex_step));
    std::printf("  y_hat sum(y) - y:\n");
    print_check(gradcheck::check_gradient(
        "general", J, theta, softmax_cross_entropy::dJ_dtheta_general(theta, y),
        Oracle::complex_step));
    std::printf("\n");
}

void show_large_logits()
{
    Vector big(3);
    big << 1000.0, -1000.0, 0.0;
    Vector tiny = Vector::Constant(3, -1000.0);
    std::printf("Logits of +-1000\n");
    print_vector("theta", big);
    print_vector("naive e^theta / sum e^theta",
                 softmax_cross_entropy::softmax_naive(big));
    print_vector("stable (shifted by the max)", softmax_cross_entropy::softmax(big));
    print_vector("log-softmax", softmax_cross_entropy::log_softmax(big));
    print_vector("theta", tiny);
    print_vector("naive e^theta / sum e^theta",
                 softmax_cross_entropy::softmax_naive(tiny));
    print_vector("stable (shifted by the max)", softmax_cross_entropy::softmax(tiny));
    Vector dyadic(3);
    dyadic << 0.375, -1.25, 2.0;
    const Vector shifted = (dyadic.array() + std::ldexp(1.0, 20)).matrix();
    const bool same = softmax_cross_entropy::softmax(shifted) ==
                      softmax_cross_entropy::softmax(dyadic);
    std::printf("  softmax(theta + 2^20) == softmax(theta) bit for bit, theta = "
                "[0.375, -1.25, 2]: %s\n\n",
                same ? "yes" : "no");
}

void show_two_classes(std::mt19937_64& rng)
{
    const double z1 = book::uniform(rng, -4.0, 4.0);
    const double z2 = book::uniform(rng, -4.0, 4.0);
    Vector z(2);
    z << z1, z2;
    const double y_hat_1 = softmax_cross_entropy::softmax(z)(0);
    const double s = softmax_cross_entropy::sigmoid(z1 - z2);
    std::printf("Two classes: softmax([z1, z2])_1 = sigmoid(z1 - z2)\n");
    print_vector("z", z);
    std::printf("  softmax(z)_1                 %s\n", number(y_hat_1).c_str());
    std::printf("  sigmoid(z1 - z2)             %s\n", number(s).c_str());
    std::printf("  difference                   %s\n", number(y_hat_1 - s).c_str());
    print_vector("gradient s(1 - s) [1, -1]",
                 softmax_cross_entropy::two_class_grad(z1, z2));
    const auto first = [](const auto& x) {
        using T = gradcheck::scalar_of<decltype(x)>;
        return T(softmax_cross_entropy::softmax(x)(0));
    };
    for (Oracle oracle : oracles)
        print_check(gradcheck::check_gradient(
            "two", first, z, softmax_cross_entropy::two_class_grad(z1, z2), oracle));
}

} // namespace

int main(int argc, char** argv)
{
    namespace program = softmax_cross_entropy::program;
    book::CommandLine command_line{program::description};
    program::Options options;
    program::add_options(command_line, options);
    return book::run_program(command_line, argc, argv, [&] {
        program::validate(options);
        std::mt19937_64 rng(options.seed);
        const Eigen::Index N = options.classes;
        std::printf("Softmax and cross-entropy: seed %" PRIu64
                    ", classes N = %d, batch B = %d\n\n",
                    options.seed, options.classes, options.batch);
        const Vector theta = random_logits(rng, N);
        const Vector y = one_hot(rng, N);
        show_softmax_and_jacobian(theta);
        show_gradient(theta, y);
        show_batch(rng, N, options.batch);
        show_labels_not_summing_to_one(theta, y);
        show_large_logits();
        show_two_classes(rng);
    });
}
