// A column vector written out in a test: vec({0.3, -1.2, 2.1}).
#pragma once

#include "core/scalar.hpp"

#include <initializer_list>

inline core::Vector vec(std::initializer_list<double> values)
{
    core::Vector v(static_cast<Eigen::Index>(values.size()));
    Eigen::Index i = 0;
    for (double value : values)
        v(i++) = value;
    return v;
}
