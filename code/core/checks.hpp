// The checks every chapter's mathematics makes on its arguments, each naming the bad
// value and what was expected: a shape mismatch is std::invalid_argument, a NaN or
// an infinity is std::domain_error. They look at real parts only, so the forward code
// can call them on double, complex and dual numbers alike.
#pragma once

#include "core/scalar.hpp"

#include <sstream>
#include <stdexcept>
#include <string>

namespace core {

/// Throws std::domain_error naming the first entry whose real part is NaN or
/// infinite: "who: name(k) = inf is not finite" (name(i,j) for a matrix).
template <class Derived>
void require_finite(const char* who, const char* name,
                    const Eigen::DenseBase<Derived>& a)
{
    for (Eigen::Index j = 0; j < a.cols(); ++j) {
        for (Eigen::Index i = 0; i < a.rows(); ++i) {
            if (is_finite_real(a(i, j)))
                continue;
            std::ostringstream message;
            message << who << ": " << name << "(";
            if (a.cols() == 1)
                message << i;
            else
                message << i << "," << j;
            message << ") = " << real_part(a(i, j))
                    << " is not finite; expected finite numbers";
            throw std::domain_error(message.str());
        }
    }
}

/// Throws std::invalid_argument unless `a` has at least one entry.
template <class Derived>
void require_nonempty(const char* who, const char* name,
                      const Eigen::EigenBase<Derived>& a)
{
    if (a.size() == 0)
        throw std::invalid_argument(std::string(who) + ": " + name +
                                    " is empty; expected at least one entry");
}

/// Throws std::invalid_argument unless `a` and `b` have the same number of entries.
template <class A, class B>
void require_same_size(const char* who, const char* name_a,
                       const Eigen::EigenBase<A>& a, const char* name_b,
                       const Eigen::EigenBase<B>& b, const char* why)
{
    if (a.size() == b.size())
        return;
    std::ostringstream message;
    message << who << ": " << name_a << " has " << a.size() << " entries but " << name_b
            << " has " << b.size() << "; expected " << why;
    throw std::invalid_argument(message.str());
}

/// Throws std::invalid_argument unless `a` and `b` have the same shape.
template <class A, class B>
void require_same_shape(const char* who, const char* name_a,
                        const Eigen::EigenBase<A>& a, const char* name_b,
                        const Eigen::EigenBase<B>& b)
{
    if (a.rows() == b.rows() && a.cols() == b.cols())
        return;
    std::ostringstream message;
    message << who << ": " << name_a << " is " << a.rows() << "x" << a.cols() << " but "
            << name_b << " is " << b.rows() << "x" << b.cols()
            << "; expected equal shapes";
    throw std::invalid_argument(message.str());
}

} // namespace core
