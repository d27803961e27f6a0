// A column vector written out in a test: vec({0.3, -1.2, 2.1}).
#pragma once

#include "gradcheck/scalar.hpp"

#include <initializer_list>

inline gradcheck::Vector vec(std::initializer_list<double> values)
{
    gradcheck::Vector v(static_cast<Eigen::Index>(values.size()));
    Eigen::Index i = 0;
    for (double value : values)
        v(i++) = value;
    return v;
}
