// Max pooling and average pooling over 2-D windows, for a batch of N images of C
// channels, H x W each:
//   y_o = max over the window of o of the padded input (padding -inf),
//   y_o = (1 / (k_h k_w)) sum over the window of o of the padded input (padding 0),
// and their gradients: max pooling routes each dL/dy_o to the arg-max of its window
// (the "switch" the forward pass stores), and windows that overlap ADD what they
// route to the same input; average pooling spreads dL/dy_o evenly over its window.
//
// Layout: a tensor N x C x H x W is one flat vector, the last index fastest (NCHW,
// row-major): entry (n, c, r, q) is x(((n C + c) H + r) W + q). The outputs are laid
// out the same way, N x C x H_out x W_out.
//
// The window's geometry along each axis is core::Window (the convolution chapter's
// section on sizes), with dilation 1. The forward passes are templated on the scalar
// T (double, complex step, autodiff) and compare real parts only; the backward
// passes are double.
#pragma once

#include "core/checks.hpp"
#include "core/scalar.hpp"
#include "core/window.hpp"

#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace max_pooling {

using core::Vector;
using core::VectorT;

/// The shape of a batch of images, N x C x H x W.
struct Shape {
    Eigen::Index N = 1; ///< images in the batch
    Eigen::Index C = 1; ///< channels
    Eigen::Index H = 1; ///< rows
    Eigen::Index W = 1; ///< columns

    Eigen::Index size() const { return N * C * H * W; }

    /// The flat index of entry (n, c, r, q): NCHW, the last index fastest.
    // [mp_layout]
    Eigen::Index at(Eigen::Index n, Eigen::Index c, Eigen::Index r,
                    Eigen::Index q) const
    {
        return ((n * C + c) * H + r) * W + q;
    }
    // [mp_layout]
};

/// One axis of a pooling window: k taps, moved s entries at a time, p entries of
/// padding on each side.
struct Axis {
    Eigen::Index kernel = 2;
    Eigen::Index stride = 2;
    Eigen::Index padding = 0;
};

/// A pooling layer's geometry: the input's shape, the window along the rows and the
/// columns, and the output's shape.
struct Pooling {
    Shape in;
    core::Window rows;
    core::Window cols;
    Shape out;
};

/// The geometry of pooling `in` with `rows` x `cols` windows. Throws
/// std::invalid_argument naming `who` and the value for an empty batch, a window
/// that does not fit (core::output_size) and padding above half the kernel (the
/// rule PyTorch also has: a window then always holds a real input, so its maximum
/// is finite and its switch is an input).
inline Pooling make_pooling(const char* who, const Shape& in, const Axis& rows,
                            const Axis& cols)
{
    if (in.N < 1 || in.C < 1)
        throw std::invalid_argument(std::string(who) +
                                    ": batch N = " + std::to_string(in.N) +
                                    ", channels C = " + std::to_string(in.C) +
                                    "; expected each to be at least 1");
    Pooling P{in,
              {in.H, rows.kernel, rows.stride, rows.padding, 1},
              {in.W, cols.kernel, cols.stride, cols.padding, 1},
              in};
    P.out.H = core::output_size(who, P.rows);
    P.out.W = core::output_size(who, P.cols);
    for (const Axis& axis : {rows, cols})
        if (2 * axis.padding > axis.kernel)
            throw std::invalid_argument(
                std::string(who) + ": padding " + std::to_string(axis.padding) +
                " is more than half the kernel " + std::to_string(axis.kernel) +
                "; expected 2 p <= k, so that every window holds an input");
    return P;
}

/// The same window along both axes.
inline Pooling make_pooling(const char* who, const Shape& in, const Axis& both)
{
    return make_pooling(who, in, both, both);
}

/// The input entries under the window of output o, in row-major window order (tap
/// (a, b) before (a, b + 1)); -1 marks a tap on the padding.
// [mp_window]
inline std::vector<Eigen::Index> window(const Pooling& P, Eigen::Index o)
{
    const Eigen::Index j = o % P.out.W;              // output column
    const Eigen::Index i = (o / P.out.W) % P.out.H;  // output row
    const Eigen::Index nc = o / (P.out.W * P.out.H); // image and channel, n C + c
    std::vector<Eigen::Index> taps;
    taps.reserve(static_cast<std::size_t>(P.rows.kernel * P.cols.kernel));
    for (Eigen::Index a = 0; a < P.rows.kernel; ++a) {
        const Eigen::Index r = P.rows.input_index(i, a); // i s - p + a
        for (Eigen::Index b = 0; b < P.cols.kernel; ++b) {
            const Eigen::Index q = P.cols.input_index(j, b);
            const bool inside = r >= 0 && r < P.in.H && q >= 0 && q < P.in.W;
            taps.push_back(inside ? (nc * P.in.H + r) * P.in.W + q : -1);
        }
    }
    return taps;
}
// [mp_window]

/// x must have N C H W entries, all finite.
template <class T>
void require_input(const char* who, const Pooling& P, const VectorT<T>& x)
{
    if (x.size() != P.in.size())
        throw std::invalid_argument(
            std::string(who) + ": x has " + std::to_string(x.size()) +
            " entries; expected N C H W = " + std::to_string(P.in.size()));
    // A NaN would lose every comparison and vanish from the output: refused instead.
    core::require_finite(who, "x", x);
}

/// The forward pass of max pooling: the outputs and, for each, its switch (the
/// input its maximum came from).
template <class T> struct PooledT {
    VectorT<T> y;
    std::vector<Eigen::Index> switches;
};

template <class T> PooledT<T> max_pool(const Pooling& P, const VectorT<T>& x)
{
    require_input("max_pool", P, x);
    const T minus_infinity(-std::numeric_limits<double>::infinity());
    PooledT<T> out{VectorT<T>(P.out.size()),
                   std::vector<Eigen::Index>(static_cast<std::size_t>(P.out.size()))};
    for (Eigen::Index o = 0; o < P.out.size(); ++o) {
        // [mp_forward]
        T y_o = minus_infinity;
        Eigen::Index switch_o = -1;
        for (const Eigen::Index at : window(P, o)) {
            const T x_at = at >= 0 ? x(at) : minus_infinity; // padding is -inf, not 0
            // Strictly greater: of equal maxima the first, in row-major order, wins.
            if (core::real_part(x_at) > core::real_part(y_o)) {
                y_o = x_at;
                switch_o = at;
            }
        }
        // [mp_forward]
        out.y(o) = y_o;
        out.switches[static_cast<std::size_t>(o)] = switch_o;
    }
    return out;
}

/// The switches of max pooling at x: the kink pattern of every check of its
/// gradient (a step that changes one of them crosses a kink).
inline std::vector<long> switches_of(const Pooling& P, const Vector& x)
{
    const std::vector<Eigen::Index> s = max_pool<double>(P, x).switches;
    return {s.begin(), s.end()};
}

/// dL/dx from dL/dy: each output's gradient goes to its switch; where windows
/// overlap, an input that is the maximum of several collects the sum.
// [mp_backward]
inline Vector max_pool_backward(const Pooling& P,
                                const std::vector<Eigen::Index>& switches,
                                const Vector& dL_dy)
{
    Vector dL_dx = Vector::Zero(P.in.size());
    for (Eigen::Index o = 0; o < P.out.size(); ++o)
        dL_dx(switches[static_cast<std::size_t>(o)]) += dL_dy(o); // max routes; adds
    return dL_dx;
}
// [mp_backward]

/// Average pooling, padding counted as zeros: every window divides by k_h k_w
/// (PyTorch's count_include_pad = True).
template <class T> VectorT<T> average_pool(const Pooling& P, const VectorT<T>& x)
{
    require_input("average_pool", P, x);
    const auto k2 = static_cast<double>(P.rows.kernel * P.cols.kernel);
    VectorT<T> y(P.out.size());
    for (Eigen::Index o = 0; o < P.out.size(); ++o) {
        // [mp_average]
        T sum(0.0);
        for (const Eigen::Index at : window(P, o))
            if (at >= 0) // padding adds 0
                sum += x(at);
        y(o) = sum / k2; // k_h k_w taps, padding included
        // [mp_average]
    }
    return y;
}

/// dL/dx of average pooling: each output spreads dL/dy_o / (k_h k_w) over the inputs
/// of its window; overlapping windows add.
// [mp_average_backward]
inline Vector average_pool_backward(const Pooling& P, const Vector& dL_dy)
{
    const auto k2 = static_cast<double>(P.rows.kernel * P.cols.kernel);
    Vector dL_dx = Vector::Zero(P.in.size());
    for (Eigen::Index o = 0; o < P.out.size(); ++o)
        for (const Eigen::Index at : window(P, o))
            if (at >= 0) // the padding's share goes nowhere
                dL_dx(at) += dL_dy(o) / k2;
    return dL_dx;
}
// [mp_average_backward]

} // namespace max_pooling
