// The solutions of the chapter's exercises, each checked by tests/convolution.cpp.
#pragma once

#include "convolution/convolution.hpp"

#include <algorithm>
#include <stdexcept>

namespace convolution::exercises {

/// Exercise 1: a 1 x 1 kernel (stride 1, no padding) is a dense layer z = K v at
/// every pixel, so dC/dK is the sum over pixels of the Jacobians chapter's delta v^T.
// [cv_ex_1x1]
inline Vector dC_dK_1x1(const Geometry& g, const Vector& V, const Vector& G)
{
    if (g.rows.kernel != 1 || g.cols.kernel != 1 || g.P() != g.rows.size ||
        g.Q() != g.cols.size)
        throw std::invalid_argument("dC_dK_1x1: expected a 1 x 1 kernel that "
                                    "reads every pixel once");
    Matrix dK = Matrix::Zero(g.filters, g.channels); // K as an O x D matrix
    const Geometry::Output out = g.output();
    for (Eigen::Index m = 0; m < g.batch; ++m)
        for (Eigen::Index y = 0; y < g.rows.size; ++y)
            for (Eigen::Index x = 0; x < g.cols.size; ++x) {
                Vector delta(g.filters); // dC/dz at pixel (y, x)
                Vector v(g.channels);    // the input at pixel (y, x)
                for (Eigen::Index o = 0; o < g.filters; ++o)
                    delta(o) = G(g.z_index(out, m, o, y, x));
                for (Eigen::Index c = 0; c < g.channels; ++c)
                    v(c) = V(g.v_index(m, c, y, x));
                dK += jacobians_and_layouts::dJ_dW(delta, v);
            }
    Vector flat(g.kernel_size());
    for (Eigen::Index o = 0; o < g.filters; ++o)
        for (Eigen::Index c = 0; c < g.channels; ++c)
            flat(g.k_index(o, c, 0, 0)) = dK(o, c);
    return flat;
}
// [cv_ex_1x1]

/// Exercise 2: dC/dV of a layer of stride s is that of the same layer with stride 1,
/// given the upstream gradient spread out with s - 1 zeros between its entries.
// [cv_ex_stride_one]
inline Vector dV_by_stride_one(const Geometry& g, const Vector& K, const Vector& G)
{
    Geometry one = g;
    one.rows.stride = 1;
    one.cols.stride = 1;
    Vector G1 = Vector::Zero(one.output_size());
    const Geometry::Output out = g.output();
    for (Eigen::Index m = 0; m < g.batch; ++m)
        for (Eigen::Index o = 0; o < g.filters; ++o)
            for (Eigen::Index i = 0; i < out.P; ++i)
                for (Eigen::Index j = 0; j < out.Q; ++j)
                    G1(one.z_index(m, o, i * g.rows.stride, j * g.cols.stride)) =
                        G(g.z_index(out, m, o, i, j));
    return dC_dV(one, K, G1);
}
// [cv_ex_stride_one]

/// Exercise 3: the copies of tap k along one axis, in closed form: the outputs i
/// whose tap lands inside the image, p - k d <= i s <= n - 1 + p - k d, 0 <= i < P.
// [cv_ex_copies]
inline Eigen::Index copies(const core::Window& w, Eigen::Index k)
{
    const Eigen::Index P = core::output_size("copies", w);
    // the outputs i with low <= i s <= high
    const Eigen::Index low = w.padding - k * w.dilation;
    const Eigen::Index high = w.size - 1 + w.padding - k * w.dilation;
    if (high < 0)
        return 0;
    const Eigen::Index first = low <= 0 ? 0 : (low + w.stride - 1) / w.stride;
    const Eigen::Index last = std::min(P - 1, high / w.stride);
    return std::max<Eigen::Index>(0, last - first + 1);
}
// [cv_ex_copies]

} // namespace convolution::exercises
