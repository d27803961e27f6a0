// A test module of the house's own: the rules of tests/support/verification.hpp that
// the chapters' modules rely on, each made to break on purpose
// (tests/house/house.cmake).
#define BOOST_TEST_MODULE house_records
#include "support/verification.hpp"

#include <limits>

namespace utf = boost::unit_test;

BOOST_AUTO_TEST_CASE(carries_its_label, *utf::label("x_carried"))
{
    verification::expect_within("x_carried", "a difference of zero", 0.0, 1e-15);
}

// Run only by name: a record whose label the test case does not carry must fail it.
BOOST_AUTO_TEST_CASE(records_a_label_it_does_not_carry,
                     *utf::label("x_other") * utf::disabled())
{
    verification::expect_within("x_missing", "a difference of zero", 0.0, 1e-15);
}

// Run only by name: one oracle twice is not two opinions.
BOOST_AUTO_TEST_CASE(one_oracle_twice, *utf::label("x_twice") * utf::disabled())
{
    const auto square = [](const auto& x) -> gradcheck::scalar_of<decltype(x)> {
        return x(0) * x(0);
    };
    const gradcheck::Vector x = gradcheck::Vector::Constant(1, 3.0);
    verification::expect_gradient_verified(
        "x_twice", square, x, 2.0 * x,
        {gradcheck::Oracle::complex_step, gradcheck::Oracle::complex_step});
}

// Run only by name: one oracle is not two opinions either.
BOOST_AUTO_TEST_CASE(one_oracle_alone, *utf::label("x_alone") * utf::disabled())
{
    const auto square = [](const auto& x) -> gradcheck::scalar_of<decltype(x)> {
        return x(0) * x(0);
    };
    const gradcheck::Vector x = gradcheck::Vector::Constant(1, 3.0);
    verification::expect_gradient_verified("x_alone", square, x, 2.0 * x,
                                           {gradcheck::Oracle::complex_step});
}

// Run only by name: a check that fails must be recorded as failed.
BOOST_AUTO_TEST_CASE(a_failed_check, *utf::label("x_failed") * utf::disabled())
{
    verification::expect_within("x_failed", "a difference of one", 1.0, 0.5);
}

// Run only by name: a Taylor control that fitted no slope is not a rejection.
BOOST_AUTO_TEST_CASE(taylor_control_without_slope,
                     *utf::label("x_no_slope") * utf::disabled())
{
    gradcheck::TaylorResult r;
    r.label = "x_no_slope";
    r.slope = std::numeric_limits<double>::quiet_NaN();
    verification::expect_rejected(r);
}
