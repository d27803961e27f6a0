// The comparison rule: element by element,
//     |analytic - numeric| <= atol + rtol * max(|analytic|, |numeric|),
// and the worst element (largest ratio of error to allowance) is reported.
#pragma once

#include "core/format.hpp"
#include "core/scalar.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace gradcheck {

struct Tolerance {
    double atol;
    double rtol;
};

using core::Complex;
using core::Dual;
using core::format_number;
using core::is_finite_real;
using core::Matrix;
using core::MatrixT;
using core::real_part;
using core::scalar_of;
using core::Vector;
using core::VectorT;

inline std::string to_string(Tolerance tol)
{
    return "atol " + format_number(tol.atol) + ", rtol " + format_number(tol.rtol);
}

struct Comparison {
    Eigen::Index compared = 0; ///< entries compared (skipped columns excluded)
    Eigen::Index row = 0;      ///< the worst entry
    Eigen::Index col = 0;
    double analytic = 0.0;
    double numeric = 0.0;
    double abs_error = 0.0;     ///< |analytic - numeric| at the worst entry
    double allowed = 0.0;       ///< atol + rtol * max(|analytic|, |numeric|) there
    double max_abs_error = 0.0; ///< largest |analytic - numeric| over all entries
    bool within_tolerance = true;
    bool all_zero = true; ///< both sides exactly zero on every compared entry
    bool finite =
        true; ///< both sides finite (no NaN, no infinity) on every compared entry
};

namespace detail {

/// Keeps the worst entry seen so far: the one whose error uses up the largest share
/// of what it is allowed. Every comparison rule of the checker reports through it.
class WorstEntry {
public:
    void add(Eigen::Index i, Eigen::Index j, double a, double n, double error,
             double allowed)
    {
        // A NaN or an infinity anywhere is the worst possible entry (an infinite
        // entry would otherwise be allowed an infinite error: inf / inf is NaN).
        const double ratio = !std::isfinite(error) || !std::isfinite(allowed)
                                 ? std::numeric_limits<double>::infinity()
                             : error == 0.0 ? 0.0
                                            : error / allowed;
        ++result_.compared;
        result_.all_zero = result_.all_zero && a == 0.0 && n == 0.0;
        result_.finite = result_.finite && std::isfinite(a) && std::isfinite(n);
        result_.max_abs_error = std::max(result_.max_abs_error, error);
        if (ratio > worst_ratio_) {
            worst_ratio_ = ratio;
            result_.row = i;
            result_.col = j;
            result_.analytic = a;
            result_.numeric = n;
            result_.abs_error = error;
            result_.allowed = allowed;
        }
    }

    Comparison result() const
    {
        Comparison c = result_;
        c.within_tolerance = c.compared > 0 && worst_ratio_ <= 1.0;
        return c;
    }

private:
    Comparison result_;
    double worst_ratio_ = -1.0;
};

} // namespace detail

/// Compares two equally shaped matrices; columns with skip[j] set are left out.
inline Comparison compare(const Matrix& analytic, const Matrix& numeric, Tolerance tol,
                          const std::vector<bool>& skip = {})
{
    if (analytic.rows() != numeric.rows() || analytic.cols() != numeric.cols()) {
        std::ostringstream message;
        message << "gradcheck: analytic derivative is " << analytic.rows() << "x"
                << analytic.cols() << " but the oracle's is " << numeric.rows() << "x"
                << numeric.cols();
        throw std::invalid_argument(message.str());
    }
    detail::WorstEntry worst;
    for (Eigen::Index j = 0; j < analytic.cols(); ++j) {
        if (!skip.empty() && skip[static_cast<std::size_t>(j)])
            continue;
        for (Eigen::Index i = 0; i < analytic.rows(); ++i) {
            const double a = analytic(i, j);
            const double n = numeric(i, j);
            // [gc_compare]
            const double error = std::abs(a - n);
            const double allowed =
                tol.atol + tol.rtol * std::max(std::abs(a), std::abs(n));
            // [gc_compare]
            worst.add(i, j, a, n, error, allowed);
        }
    }
    return worst.result();
}

} // namespace gradcheck
