// Convolution: a dense layer with zeroed and shared weights. A layer reads a batch of
// M images V of D channels, n_h x n_w, and writes O output channels Z,
//   Z_{m,o,i,j} = b_o + sum_{c,k,l} K_{o,c,k,l} V_{m,c, i s + k d - p, j s + l d - p},
// a cross-correlation (no flip) with stride s, zero padding p and dilation d along
// each axis (core::Window). Three routes to its gradients: the dense layer z = Wx
// whose W holds a copy of a kernel weight wherever it is used (source 004's reading:
// untie the copies, take the Jacobians chapter's delta x^T, sum per tie); the direct
// backward pass in index form; and the oracles, which differentiate forward().
//
// Tensors are flat vectors, batch-major then channel-major, rows before columns:
//   V(m, c, y, x) at ((m D + c) n_h + y) n_w + x,
//   Z(m, o, i, j) at ((m O + o) P + i) Q + j,
//   K(o, c, k, l) at ((o D + c) F_h + k) F_w + l,   b(o) at o,
// P x Q being the output's size. (D, not C, for the channels: C is the loss.) The
// forward map is templated on the scalar T (double, complex step, autodiff); the
// hand-derived backward passes are double.
#pragma once

#include "core/scalar.hpp"
#include "core/window.hpp"
#include "jacobians_and_layouts/jacobians_and_layouts.hpp"

#include <stdexcept>
#include <string>
#include <vector>

namespace convolution {

using core::Matrix;
using core::MatrixT;
using core::Vector;
using core::VectorT;

/// The layer's sizes: M images of D channels, O output channels; each axis a window
/// (its size, taps, stride, padding and dilation).
struct Geometry {
    Eigen::Index batch = 1;    ///< M
    Eigen::Index channels = 1; ///< D
    Eigen::Index filters = 1;  ///< O
    core::Window rows;         ///< n_h, F_h, s_h, p_h, d_h
    core::Window cols;         ///< n_w, F_w, s_w, p_w, d_w

    Eigen::Index P() const { return core::output_size("convolution, rows", rows); }
    Eigen::Index Q() const { return core::output_size("convolution, columns", cols); }
    Eigen::Index input_size() const { return batch * channels * rows.size * cols.size; }
    Eigen::Index kernel_size() const
    {
        return filters * channels * rows.kernel * cols.kernel;
    }
    Eigen::Index output_size() const { return batch * filters * P() * Q(); }

    Eigen::Index v_index(Eigen::Index m, Eigen::Index c, Eigen::Index y,
                         Eigen::Index x) const
    {
        return ((m * channels + c) * rows.size + y) * cols.size + x;
    }
    Eigen::Index k_index(Eigen::Index o, Eigen::Index c, Eigen::Index k,
                         Eigen::Index l) const
    {
        return ((o * channels + c) * rows.kernel + k) * cols.kernel + l;
    }
    /// P and Q at once, for loops: core::output_size checks the geometry at each call.
    struct Output {
        Eigen::Index P;
        Eigen::Index Q;
    };
    Output output() const { return {P(), Q()}; }

    Eigen::Index z_index(const Output& out, Eigen::Index m, Eigen::Index o,
                         Eigen::Index i, Eigen::Index j) const
    {
        return ((m * filters + o) * out.P + i) * out.Q + j;
    }
    Eigen::Index z_index(Eigen::Index m, Eigen::Index o, Eigen::Index i,
                         Eigen::Index j) const
    {
        return z_index(output(), m, o, i, j);
    }
};

/// Throws std::invalid_argument for M, D or O below 1 and for an axis whose window
/// does not fit (core::output_size).
inline void require_geometry(const char* who, const Geometry& g)
{
    if (g.batch < 1 || g.channels < 1 || g.filters < 1)
        throw std::invalid_argument(
            std::string(who) + ": batch " + std::to_string(g.batch) + ", channels " +
            std::to_string(g.channels) + ", filters " + std::to_string(g.filters) +
            "; expected each to be at least 1");
    g.P();
    g.Q();
}

inline void require_length(const char* who, const char* name, Eigen::Index got,
                           Eigen::Index expected)
{
    if (got != expected)
        throw std::invalid_argument(std::string(who) + ": " + name + " has " +
                                    std::to_string(got) + " entries; the geometry " +
                                    "expects " + std::to_string(expected));
}

/// True when the input index y lies inside the image, not on a padding zero.
inline bool inside(const core::Window& w, Eigen::Index y)
{
    return y >= 0 && y < w.size;
}

// ---------------------------------------------------------------------------
// The forward map (templated: double, complex step, autodiff)
// ---------------------------------------------------------------------------

/// One output, Z_{m,o,i,j}: the bias plus the kernel times the input under it.
template <class T>
T z_entry(const Geometry& g, const VectorT<T>& V, const VectorT<T>& K,
          const VectorT<T>& b, Eigen::Index m, Eigen::Index o, Eigen::Index i,
          Eigen::Index j)
{
    // [cv_forward]
    T z = b(o);
    for (Eigen::Index c = 0; c < g.channels; ++c)
        for (Eigen::Index k = 0; k < g.rows.kernel; ++k)
            for (Eigen::Index l = 0; l < g.cols.kernel; ++l) {
                const Eigen::Index y = g.rows.input_index(i, k); // i s + k d - p
                const Eigen::Index x = g.cols.input_index(j, l); // j s + l d - p
                if (!inside(g.rows, y) || !inside(g.cols, x))
                    continue; // a padding zero
                // Stored first: see one_hidden_layer::affine.
                const T term = K(g.k_index(o, c, k, l)) * V(g.v_index(m, c, y, x));
                z += term;
            }
    return z;
    // [cv_forward]
}

/// Z of the batch V under the kernel K and the bias b, all flat (see the top).
template <class T>
VectorT<T> forward(const Geometry& g, const VectorT<T>& V, const VectorT<T>& K,
                   const VectorT<T>& b)
{
    require_geometry("forward", g);
    require_length("forward", "V", V.size(), g.input_size());
    require_length("forward", "K", K.size(), g.kernel_size());
    require_length("forward", "b", b.size(), g.filters);
    VectorT<T> Z(g.output_size());
    const Geometry::Output out = g.output();
    for (Eigen::Index m = 0; m < g.batch; ++m)
        for (Eigen::Index o = 0; o < g.filters; ++o)
            for (Eigen::Index i = 0; i < out.P; ++i)
                for (Eigen::Index j = 0; j < out.Q; ++j)
                    Z(g.z_index(out, m, o, i, j)) = z_entry<T>(g, V, K, b, m, o, i, j);
    return Z;
}

// ---------------------------------------------------------------------------
// Route 1: a dense layer with zeroed and tied weights (source 004)
// ---------------------------------------------------------------------------

/// The dense layer of one image: z = W v + b_rows, W of O P Q rows and D n_h n_w
/// columns; tie(r, q) is the flat index of the kernel weight W(r, q) copies, -1 for a
/// zero.
struct Dense {
    Matrix W;
    Eigen::MatrixXi tie;
};

/// Row r = (o, i, j) of W: the input pixel (c, y, x) under tap (k, l) of the window
/// gets a copy of K_{o,c,k,l}.
inline void dense_row(const Geometry& g, const Vector& K, Eigen::Index o,
                      Eigen::Index i, Eigen::Index j, Eigen::Index r, Dense& d)
{
    // [cv_dense]
    for (Eigen::Index c = 0; c < g.channels; ++c)
        for (Eigen::Index k = 0; k < g.rows.kernel; ++k)
            for (Eigen::Index l = 0; l < g.cols.kernel; ++l) {
                const Eigen::Index y = g.rows.input_index(i, k);
                const Eigen::Index x = g.cols.input_index(j, l);
                if (!inside(g.rows, y) || !inside(g.cols, x))
                    continue; // no connection: W stays 0
                const Eigen::Index q = (c * g.rows.size + y) * g.cols.size + x;
                const Eigen::Index t = g.k_index(o, c, k, l);
                d.W(r, q) = K(t); // a copy of a shared weight
                d.tie(r, q) = static_cast<int>(t);
            }
    // [cv_dense]
}

/// W built from the kernel: each output (o, i, j) is a row, each input pixel (c, y, x)
/// a column, and the tap (k, l) that joins them puts a copy of K_{o,c,k,l} there.
inline Dense dense(const Geometry& g, const Vector& K)
{
    require_geometry("dense", g);
    require_length("dense", "K", K.size(), g.kernel_size());
    const Eigen::Index rows = g.filters * g.P() * g.Q();
    const Eigen::Index cols = g.channels * g.rows.size * g.cols.size;
    Dense d{Matrix::Zero(rows, cols), Eigen::MatrixXi::Constant(rows, cols, -1)};
    const Geometry::Output out = g.output();
    for (Eigen::Index o = 0; o < g.filters; ++o)
        for (Eigen::Index i = 0; i < out.P; ++i)
            for (Eigen::Index j = 0; j < out.Q; ++j)
                dense_row(g, K, o, i, j, (o * out.P + i) * out.Q + j, d);
    return d;
}

/// The gradients of a loss C with respect to the layer's input, kernel and bias.
struct Gradients {
    Vector dV;
    Vector dK;
    Vector db;
};

/// Route 1, given G = dC/dZ: untie the copies, take the dense layer's dC/dW = delta v^T
/// and dC/dv = W^T delta of each image (chapter "Jacobians and layouts"), and add up
/// the gradients of each weight's copies: dC/dw = sum_i dC/dz_i dz_i/dw.
inline Gradients by_ties(const Geometry& g, const Vector& V, const Vector& K,
                         const Vector& G)
{
    require_length("by_ties", "V", V.size(), g.input_size());
    require_length("by_ties", "G", G.size(), g.output_size());
    const Dense d = dense(g, K);
    const Eigen::Index rows = d.W.rows();
    const Eigen::Index cols = d.W.cols();
    const Eigen::Index PQ = g.P() * g.Q();
    Gradients out{Vector(V.size()), Vector::Zero(K.size()), Vector::Zero(g.filters)};
    // [cv_ties]
    for (Eigen::Index m = 0; m < g.batch; ++m) {
        const Vector delta = G.segment(m * rows, rows); // dC/dz of image m
        const Vector v = V.segment(m * cols, cols);
        const Matrix dW = jacobians_and_layouts::dJ_dW(delta, v); // untied copies
        for (Eigen::Index q = 0; q < cols; ++q)
            for (Eigen::Index r = 0; r < rows; ++r)
                if (d.tie(r, q) >= 0)
                    out.dK(d.tie(r, q)) += dW(r, q); // sum per tie
        for (Eigen::Index r = 0; r < rows; ++r)
            out.db(r / PQ) += delta(r); // b_o is tied to every row of channel o
        out.dV.segment(m * cols, cols) = jacobians_and_layouts::dJ_dx(delta, d.W);
    }
    // [cv_ties]
    return out;
}

// ---------------------------------------------------------------------------
// Route 2: the direct backward pass in index form
// ---------------------------------------------------------------------------

/// dC/dK_{o,c,k,l}: the upstream gradient times the input under tap (k, l), summed
/// over the images and the outputs.
inline double dK_entry(const Geometry& g, const Vector& V, const Vector& G,
                       Eigen::Index o, Eigen::Index c, Eigen::Index k, Eigen::Index l)
{
    const Geometry::Output out = g.output();
    // [cv_dK]
    double sum = 0.0;
    for (Eigen::Index m = 0; m < g.batch; ++m)
        for (Eigen::Index i = 0; i < out.P; ++i)
            for (Eigen::Index j = 0; j < out.Q; ++j) {
                const Eigen::Index y = g.rows.input_index(i, k);
                const Eigen::Index x = g.cols.input_index(j, l);
                if (!inside(g.rows, y) || !inside(g.cols, x))
                    continue; // a padding zero: no gradient
                const double v = V(g.v_index(m, c, y, x));
                sum += G(g.z_index(out, m, o, i, j)) * v;
            }
    return sum;
    // [cv_dK]
}

/// dC/dK: a valid cross-correlation of the padded input with G, G's entries s apart
/// and the input read d apart; no flip.
inline Vector dC_dK(const Geometry& g, const Vector& V, const Vector& G)
{
    Vector dK(g.kernel_size());
    for (Eigen::Index o = 0; o < g.filters; ++o)
        for (Eigen::Index c = 0; c < g.channels; ++c)
            for (Eigen::Index k = 0; k < g.rows.kernel; ++k)
                for (Eigen::Index l = 0; l < g.cols.kernel; ++l)
                    dK(g.k_index(o, c, k, l)) = dK_entry(g, V, G, o, c, k, l);
    return dK;
}

/// dC/db: each b_o is added to every output of channel o.
inline Vector dC_db(const Geometry& g, const Vector& G)
{
    Vector db = Vector::Zero(g.filters);
    const Geometry::Output out = g.output();
    // [cv_db]
    for (Eigen::Index m = 0; m < g.batch; ++m)
        for (Eigen::Index o = 0; o < g.filters; ++o)
            for (Eigen::Index i = 0; i < out.P; ++i)
                for (Eigen::Index j = 0; j < out.Q; ++j)
                    db(o) += G(g.z_index(out, m, o, i, j));
    // [cv_db]
    return db;
}

/// The upstream gradient of image m, channel o, dilated by the stride (s - 1 zeros
/// between entries) and padded by d (F - 1) zeros in front: an array as long as the
/// padded input plus d (F - 1) along each axis.
inline Matrix dilated_upstream(const Geometry& g, const Vector& G, Eigen::Index m,
                               Eigen::Index o)
{
    const core::Window& r = g.rows;
    const core::Window& w = g.cols;
    const Eigen::Index front_r = r.dilation * (r.kernel - 1);
    const Eigen::Index front_c = w.dilation * (w.kernel - 1);
    const Geometry::Output out = g.output();
    Matrix Gd = Matrix::Zero(r.size + 2 * r.padding + front_r,
                             w.size + 2 * w.padding + front_c);
    // [cv_dilated_upstream]
    for (Eigen::Index i = 0; i < out.P; ++i)
        for (Eigen::Index j = 0; j < out.Q; ++j)
            Gd(front_r + i * r.stride, front_c + j * w.stride) =
                G(g.z_index(out, m, o, i, j));
    // [cv_dilated_upstream]
    return Gd;
}

/// Output channel o's share of dC/dV_{m,c,y,x}, from Gd = dilated_upstream(g, G, m, o).
inline double dV_entry(const Geometry& g, const Vector& K, const Matrix& Gd,
                       Eigen::Index o, Eigen::Index c, Eigen::Index y, Eigen::Index x)
{
    const Eigen::Index Fh = g.rows.kernel;
    const Eigen::Index Fw = g.cols.kernel;
    const Eigen::Index p_h = g.rows.padding;
    const Eigen::Index p_w = g.cols.padding;
    const Eigen::Index d_h = g.rows.dilation;
    const Eigen::Index d_w = g.cols.dilation;
    // [cv_dV]
    double sum = 0.0;
    for (Eigen::Index k = 0; k < Fh; ++k)
        for (Eigen::Index l = 0; l < Fw; ++l) {
            // rot180(K): tap (F_h - 1 - k, F_w - 1 - l)
            const double K_rot = K(g.k_index(o, c, Fh - 1 - k, Fw - 1 - l));
            // y + p: row y of the image is row y + p once padded
            sum += Gd(y + p_h + k * d_h, x + p_w + l * d_w) * K_rot;
        }
    return sum;
    // [cv_dV]
}

/// dC/dV: a full correlation of the stride-dilated upstream gradient with the kernel
/// rotated by 180 degrees (taps d apart), cropped by the padding p; summed over o.
inline Vector dC_dV(const Geometry& g, const Vector& K, const Vector& G)
{
    Vector dV = Vector::Zero(g.input_size());
    for (Eigen::Index m = 0; m < g.batch; ++m)
        for (Eigen::Index o = 0; o < g.filters; ++o) {
            const Matrix Gd = dilated_upstream(g, G, m, o);
            for (Eigen::Index c = 0; c < g.channels; ++c)
                for (Eigen::Index y = 0; y < g.rows.size; ++y)
                    for (Eigen::Index x = 0; x < g.cols.size; ++x)
                        dV(g.v_index(m, c, y, x)) += dV_entry(g, K, Gd, o, c, y, x);
        }
    return dV;
}

/// Route 2: the three gradients of the direct backward pass, given G = dC/dZ.
inline Gradients backward(const Geometry& g, const Vector& V, const Vector& K,
                          const Vector& G)
{
    require_geometry("backward", g);
    require_length("backward", "V", V.size(), g.input_size());
    require_length("backward", "K", K.size(), g.kernel_size());
    require_length("backward", "G", G.size(), g.output_size());
    return {dC_dV(g, K, G), dC_dK(g, V, G), dC_db(g, G)};
}

// ---------------------------------------------------------------------------
// The loss of the book's checks, and the flat parameter vector
// ---------------------------------------------------------------------------

/// C = sum_i (r_i z_i + z_i^2 / 2), a loss whose upstream gradient dC/dz_i = r_i + z_i
/// depends on the point, with r a fixed random vector.
template <class T> T loss(const VectorT<T>& Z, const Vector& r)
{
    require_length("loss", "r", r.size(), Z.size());
    T C(0.0);
    for (Eigen::Index i = 0; i < Z.size(); ++i) {
        const T linear = r(i) * Z(i);
        const T square = Z(i) * Z(i);
        const T term = linear + 0.5 * square;
        C += term;
    }
    return C;
}

/// dC/dZ of loss(): G = r + Z.
inline Vector upstream(const Vector& Z, const Vector& r)
{
    return r + Z;
}

/// theta = [V, K, b]: the input, the kernel and the bias in one vector.
inline Vector join(const Vector& V, const Vector& K, const Vector& b)
{
    Vector theta(V.size() + K.size() + b.size());
    theta << V, K, b;
    return theta;
}

inline Vector join(const Gradients& d)
{
    return join(d.dV, d.dK, d.db);
}

/// C(theta) of the layer g with the loss's fixed r: the function the oracles see.
template <class T>
T loss_of_theta(const Geometry& g, const VectorT<T>& theta, const Vector& r)
{
    const Eigen::Index nV = g.input_size();
    const Eigen::Index nK = g.kernel_size();
    require_length("loss_of_theta", "theta", theta.size(), nV + nK + g.filters);
    const VectorT<T> V = theta.head(nV);
    const VectorT<T> K = theta.segment(nV, nK);
    const VectorT<T> b = theta.tail(g.filters);
    return loss<T>(forward<T>(g, V, K, b), r);
}

} // namespace convolution
