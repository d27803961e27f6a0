// Coordinate-subset checks: the per-coordinate oracles on a seeded random choice of
// coordinates, at least one in every named tensor. Cheaper than a full Jacobian and,
// unlike a directional check, able to say which entry is wrong: "W2(3,1)".
#pragma once

#include "check.hpp"
#include "core/parameters.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace gradcheck {

using core::Entry;
using core::flatten;
using core::Layout;
using core::Tensor;
using core::unflatten;

namespace detail {

/// A uniform index in 0..m-1 from raw 64-bit draws. Draws at or above the largest
/// multiple of m are redrawn: taking them modulo m would favour the small indices.
inline Eigen::Index uniform_below(std::mt19937_64& draw, Eigen::Index m)
{
    const auto range = static_cast<std::uint64_t>(m);
    const std::uint64_t top = std::numeric_limits<std::uint64_t>::max();
    const std::uint64_t limit = top - top % range;
    std::uint64_t r = draw();
    while (r >= limit)
        r = draw();
    return static_cast<Eigen::Index>(r % range);
}

} // namespace detail

/// `count` distinct coordinates of theta drawn from `seed`, sorted: first one in every
/// tensor of the layout, then the rest uniformly from all of theta.
inline std::vector<Eigen::Index>
random_coordinates(const Layout& layout, Eigen::Index count, std::uint64_t seed)
{
    std::mt19937_64 draw(seed);
    std::vector<bool> taken(static_cast<std::size_t>(layout.size()), false);
    std::vector<Eigen::Index> chosen;
    const auto take = [&](Eigen::Index i) {
        if (!taken[static_cast<std::size_t>(i)])
            chosen.push_back(i);
        taken[static_cast<std::size_t>(i)] = true;
    };
    const auto wanted = static_cast<std::size_t>(std::min(count, layout.size()));
    // [gc_coordinate_subset]
    for (const Tensor& t : layout.tensors()) // every tensor is seen at least once
        take(t.offset + detail::uniform_below(draw, t.size()));
    while (chosen.size() < wanted)
        take(detail::uniform_below(draw, layout.size()));
    // [gc_coordinate_subset]
    std::sort(chosen.begin(), chosen.end());
    return chosen;
}

/// Checks `count` coordinates of the gradient g of a scalar f at theta, drawn from
/// `seed`, by one per-coordinate oracle. The report names the worst entry by its
/// tensor and index.
template <class F>
CheckResult check_coordinates(std::string label, const F& f, const Layout& layout,
                              const Vector& theta, const Vector& g, Oracle oracle,
                              Eigen::Index count = 64, std::uint64_t seed = 1,
                              const CheckOptions& options = {})
{
    if (theta.size() != layout.size() || g.size() != layout.size())
        throw std::invalid_argument("gradcheck: theta has " +
                                    std::to_string(theta.size()) + " entries and g " +
                                    std::to_string(g.size()) + "; the layout has " +
                                    std::to_string(layout.size()));
    const std::vector<Eigen::Index> columns = random_coordinates(layout, count, seed);
    Matrix analytic(1, static_cast<Eigen::Index>(columns.size()));
    for (std::size_t k = 0; k < columns.size(); ++k)
        analytic(0, static_cast<Eigen::Index>(k)) = g(columns[k]);
    CheckResult result =
        check_columns(std::move(label), f, theta, analytic, columns, oracle, options);
    // Report the worst entry by its place in theta, not its place in the subset.
    result.comparison.col = columns[static_cast<std::size_t>(result.comparison.col)];
    result.where = layout.entry(result.comparison.col).to_string();
    result.sampling =
        std::to_string(columns.size()) + " of " + std::to_string(layout.size()) +
        " coordinates, every tensor among them (seed " + std::to_string(seed) + ")";
    return result;
}

} // namespace gradcheck
