// A network to try the checker on at real sizes: one tanh hidden layer, softmax
// cross-entropy averaged over a batch, parameters W1, b1, W2, b2 in one vector theta.
//     z1 = W1 X + b1,  h = tanh(z1),  theta_out = W2 h + b2,
//     J = (1/B) sum_b [ log sum_k exp(theta_out_kb) - theta_out_{c_b, b} ].
// Used by the checker's tests and by its cost benchmark; no chapter derives it.
#pragma once

#include "gradcheck/gradcheck.hpp"

#include <cmath>
#include <complex>
#include <cstdint>
#include <vector>

namespace tanh_mlp {

using gradcheck::Matrix;
using gradcheck::MatrixT;
using gradcheck::Vector;
using gradcheck::VectorT;

struct Net {
    gradcheck::Layout layout;    ///< W1 (H x D), b1 (H), W2 (C x H), b2 (C)
    Matrix X;                    ///< D x B inputs, one sample per column
    std::vector<Eigen::Index> c; ///< the class of each sample
};

/// A D-H-C network with a batch of B random samples, and a random point theta
/// (entries uniform, scaled by 1/sqrt(fan-in) as an initialisation would).
inline Net make_net(Eigen::Index D, Eigen::Index H, Eigen::Index C, Eigen::Index B,
                    std::uint64_t seed, Vector& theta)
{
    Net net;
    net.layout.add("W1", H, D).add("b1", H).add("W2", C, H).add("b2", C);
    net.X = gradcheck::random_directions(D * B, 1, seed + 1).reshaped(D, B);
    for (Eigen::Index b = 0; b < B; ++b)
        net.c.push_back(b % C);
    theta = gradcheck::random_directions(net.layout.size(), 1, seed).col(0);
    net.layout.view(theta, "W1") /= std::sqrt(static_cast<double>(D));
    net.layout.view(theta, "W2") /= std::sqrt(static_cast<double>(H));
    return net;
}

/// The loss J(theta), on any scalar type: double, complex, or a dual number.
template <class T> T loss(const Net& net, const VectorT<T>& theta)
{
    using gradcheck::real_part;
    using std::exp, std::log, std::tanh;
    const auto W1 = net.layout.view(theta, "W1");
    const auto b1 = net.layout.vector_view(theta, "b1");
    const auto W2 = net.layout.view(theta, "W2");
    const auto b2 = net.layout.vector_view(theta, "b2");
    const MatrixT<T> z1 = (W1 * net.X.cast<T>()).colwise() + b1;
    const MatrixT<T> h = z1.unaryExpr([](const T& z) { return T(tanh(z)); });
    const MatrixT<T> theta_out = (W2 * h).colwise() + b2;
    T J(0);
    for (Eigen::Index b = 0; b < theta_out.cols(); ++b) {
        // log-sum-exp, shifted by the largest real part so that no exp overflows
        double shift = real_part(theta_out(0, b));
        for (Eigen::Index k = 1; k < theta_out.rows(); ++k)
            shift = std::max(shift, real_part(theta_out(k, b)));
        T sum(0);
        for (Eigen::Index k = 0; k < theta_out.rows(); ++k)
            sum += exp(theta_out(k, b) - T(shift));
        J += log(sum) + T(shift) - theta_out(net.c[static_cast<std::size_t>(b)], b);
    }
    return J / T(static_cast<double>(theta_out.cols()));
}

/// The hand-derived gradient by backpropagation.
inline Vector gradient(const Net& net, const Vector& theta)
{
    const auto W1 = net.layout.view(theta, "W1");
    const auto b1 = net.layout.vector_view(theta, "b1");
    const auto W2 = net.layout.view(theta, "W2");
    const auto b2 = net.layout.vector_view(theta, "b2");
    const auto B = static_cast<double>(net.X.cols());
    const Matrix h = ((W1 * net.X).colwise() + b1).array().tanh().matrix();
    const Matrix theta_out = (W2 * h).colwise() + b2;
    // delta2 = (y_hat - y) / B: softmax minus the one-hot label, per sample
    Matrix delta2 =
        (theta_out.rowwise() - theta_out.colwise().maxCoeff()).array().exp().matrix();
    delta2.array().rowwise() /= delta2.colwise().sum().array();
    for (Eigen::Index b = 0; b < delta2.cols(); ++b)
        delta2(net.c[static_cast<std::size_t>(b)], b) -= 1.0;
    delta2 /= B;
    // multiply swaps: dW2 = delta2 h^T; tanh' = 1 - h^2 gates delta1
    const Matrix dW2 = delta2 * h.transpose();
    const Vector db2 = delta2.rowwise().sum();
    const Matrix delta1 =
        (W2.transpose() * delta2).cwiseProduct((1.0 - h.array().square()).matrix());
    const Matrix dW1 = delta1 * net.X.transpose();
    const Vector db1 = delta1.rowwise().sum();
    return gradcheck::flatten(net.layout, dW1, db1, dW2, db2);
}

} // namespace tanh_mlp
