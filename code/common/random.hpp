// The random numbers the chapter programs draw. The raw draws of std::mt19937_64 are
// fixed by the standard; the mapping of std::uniform_real_distribution is not, so the
// programs map the draws themselves and print the same output with every library.
#pragma once

#include <Eigen/Core>

#include <random>

namespace book {

/// A uniform number in [a, b) from the top 53 bits of one draw.
inline double uniform(std::mt19937_64& rng, double a, double b)
{
    const double unit = static_cast<double>(rng() >> 11) * 0x1.0p-53;
    return a + (b - a) * unit;
}

/// A rows x cols matrix of uniform numbers in [a, b), drawn column by column.
inline Eigen::MatrixXd random_matrix(std::mt19937_64& rng, Eigen::Index rows,
                                     Eigen::Index cols, double a, double b)
{
    Eigen::MatrixXd A(rows, cols);
    for (Eigen::Index j = 0; j < cols; ++j)
        for (Eigen::Index i = 0; i < rows; ++i)
            A(i, j) = uniform(rng, a, b);
    return A;
}

/// A vector of n uniform numbers in [a, b).
inline Eigen::VectorXd random_vector(std::mt19937_64& rng, Eigen::Index n, double a,
                                     double b)
{
    return random_matrix(rng, n, 1, a, b);
}

} // namespace book
