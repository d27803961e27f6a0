// The order of a power law: the least-squares slope of log y against log x. It reads
// the order of an oracle's truncation error off its measured errors, and the order
// of the Taylor test's remainders off theirs.
#pragma once

#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <vector>

namespace gradcheck {

/// Least-squares slope p of log y = p log x + c; x and y positive, at least two points.
inline double log_log_slope(const std::vector<double>& x, const std::vector<double>& y)
{
    if (x.size() != y.size() || x.size() < 2)
        throw std::invalid_argument("log_log_slope: needs two or more (x, y) pairs");
    const auto n = static_cast<double>(x.size());
    double mean_x = 0.0;
    double mean_y = 0.0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        mean_x += std::log(x[i]) / n;
        mean_y += std::log(y[i]) / n;
    }
    double sxy = 0.0;
    double sxx = 0.0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const double dx = std::log(x[i]) - mean_x;
        sxy += dx * (std::log(y[i]) - mean_y);
        sxx += dx * dx;
    }
    return sxy / sxx;
}

} // namespace gradcheck
