// Named parameters laid out in one vector. A network's parameters are a few named
// tensors (W1, b1, W2, b2, ...); the checker sees one vector theta. A Layout records
// where each tensor lives in theta (offset, rows, cols; column-major, like Eigen),
// so that forward code reads its tensors as views of theta on any scalar type, and
// a report can say "W2(3,1)" instead of "coordinate 1234".
#pragma once

#include "core/scalar.hpp"

#include <cstddef>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace core {

/// One named tensor in the flat vector: theta(offset + i + j * rows) is its entry (i,
/// j).
struct Tensor {
    std::string name;
    Eigen::Index rows = 0;
    Eigen::Index cols = 0; ///< 1 for a column vector
    Eigen::Index offset = 0;

    Eigen::Index size() const { return rows * cols; }
};

/// A flat index seen as a tensor entry: which tensor, which row, which column.
struct Entry {
    const Tensor* tensor = nullptr;
    Eigen::Index row = 0;
    Eigen::Index col = 0;

    /// "W2(3,1)" for a matrix, "b1(4)" for a vector.
    std::string to_string() const
    {
        if (tensor->cols == 1)
            return tensor->name + "(" + std::to_string(row) + ")";
        return tensor->name + "(" + std::to_string(row) + "," + std::to_string(col) +
               ")";
    }
};

class Layout {
public:
    /// Appends a rows x cols tensor (a column vector when cols is 1).
    Layout& add(std::string name, Eigen::Index rows, Eigen::Index cols = 1)
    {
        if (rows <= 0 || cols <= 0)
            throw std::invalid_argument(
                "gradcheck: tensor " + name + " is " + std::to_string(rows) + "x" +
                std::to_string(cols) + "; expected at least one row and one column");
        for (const Tensor& t : tensors_)
            if (t.name == name)
                throw std::invalid_argument("gradcheck: tensor " + name +
                                            " is already laid out");
        tensors_.push_back({std::move(name), rows, cols, size_});
        size_ += rows * cols;
        return *this;
    }

    const std::vector<Tensor>& tensors() const { return tensors_; }
    Eigen::Index size() const { return size_; } ///< n, the length of theta

    const Tensor& tensor(const std::string& name) const
    {
        for (const Tensor& t : tensors_)
            if (t.name == name)
                return t;
        throw std::invalid_argument("gradcheck: no tensor named " + name +
                                    " in the layout");
    }

    /// The tensor entry that theta(index) holds.
    Entry entry(Eigen::Index index) const
    {
        for (const Tensor& t : tensors_) {
            if (index >= t.offset && index < t.offset + t.size()) {
                const Eigen::Index k =
                    index - t.offset; // column-major: k = i + j * rows
                return {&t, k % t.rows, k / t.rows};
            }
        }
        throw std::out_of_range("gradcheck: index " + std::to_string(index) +
                                " is outside a layout of " + std::to_string(size_) +
                                " entries");
    }

    /// Read-only view of one tensor of theta, on theta's own scalar type (no copy).
    template <class T>
    Eigen::Map<const MatrixT<T>> view(const VectorT<T>& theta,
                                      const std::string& name) const
    {
        const Tensor& t = checked(theta.size(), name);
        return {theta.data() + t.offset, t.rows, t.cols};
    }

    /// The same view typed as a column vector, for broadcasting (Z.colwise() + b).
    template <class T>
    Eigen::Map<const VectorT<T>> vector_view(const VectorT<T>& theta,
                                             const std::string& name) const
    {
        const Tensor& t = checked(theta.size(), name);
        if (t.cols != 1)
            throw std::invalid_argument("gradcheck: tensor " + name +
                                        " is a matrix, not a vector");
        return {theta.data() + t.offset, t.rows};
    }

    /// Writable view, for assembling a gradient tensor by tensor in place.
    template <class T>
    Eigen::Map<MatrixT<T>> view(VectorT<T>& theta, const std::string& name) const
    {
        const Tensor& t = checked(theta.size(), name);
        return {theta.data() + t.offset, t.rows, t.cols};
    }

private:
    const Tensor& checked(Eigen::Index theta_size, const std::string& name) const
    {
        if (theta_size != size_)
            throw std::invalid_argument(
                "gradcheck: theta has " + std::to_string(theta_size) +
                " entries but the layout " + std::to_string(size_));
        return tensor(name);
    }

    std::vector<Tensor> tensors_;
    Eigen::Index size_ = 0;
};

/// Lays the tensors, given in the layout's order, into one vector theta.
template <class... Tensors>
auto flatten(const Layout& layout, const Tensors&... tensors)
{
    using T = typename std::common_type_t<typename Tensors::Scalar...>;
    if (sizeof...(Tensors) != layout.tensors().size())
        throw std::invalid_argument(
            "gradcheck: flatten got " + std::to_string(sizeof...(Tensors)) +
            " tensors for a layout of " + std::to_string(layout.tensors().size()));
    VectorT<T> theta(layout.size());
    std::size_t k = 0;
    const auto put = [&](const auto& tensor) {
        const Tensor& t = layout.tensors()[k++];
        if (tensor.rows() != t.rows || tensor.cols() != t.cols)
            throw std::invalid_argument(
                "gradcheck: tensor " + t.name + " is " + std::to_string(tensor.rows()) +
                "x" + std::to_string(tensor.cols()) + "; the layout expects " +
                std::to_string(t.rows) + "x" + std::to_string(t.cols));
        Eigen::Map<MatrixT<T>>(theta.data() + t.offset, t.rows, t.cols) = tensor;
    };
    (put(tensors), ...);
    return theta;
}

/// Copies every tensor out of theta, in the layout's order (views are cheaper).
template <class T>
std::vector<MatrixT<T>> unflatten(const Layout& layout, const VectorT<T>& theta)
{
    std::vector<MatrixT<T>> tensors;
    tensors.reserve(layout.tensors().size());
    for (const Tensor& t : layout.tensors())
        tensors.emplace_back(layout.view(theta, t.name));
    return tensors;
}

} // namespace core
