// A test module of the house's own: the rules of tests/support/verification.hpp that
// the chapters' modules rely on, each made to break on purpose
// (tests/house/house.cmake).
#define BOOST_TEST_MODULE house_records
#include "support/verification.hpp"

#include <limits>

namespace utf = boost::unit_test;

namespace {

const auto square = [](const auto& x) -> gradcheck::scalar_of<decltype(x)> {
    return x(0) * x(0);
};
const auto twice = [](const gradcheck::Vector& x) {
    return gradcheck::Vector(2.0 * x);
};
const verification::Input at_three =
    verification::at(gradcheck::Vector::Constant(1, 3.0), "x = 3");

} // namespace

BOOST_AUTO_TEST_CASE(carries_its_label, *utf::label("x_carried"))
{
    verification::expect_within("x_carried", "a difference of zero", 0.0, 1e-15);
    verification::quote("x_quoted", 1000.0, "%g");
}

// The right way round: a function and its derivative, two callables.
BOOST_AUTO_TEST_CASE(two_sides, *utf::label("x_two_sides"))
{
    verification::expect_gradient_verified(
        "x_two_sides", square, twice, at_three,
        {gradcheck::Oracle::complex_step, gradcheck::Oracle::autodiff});
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
    verification::expect_gradient_verified(
        "x_twice", square, twice, at_three,
        {gradcheck::Oracle::complex_step, gradcheck::Oracle::complex_step});
}

// Run only by name: one oracle is not two opinions either.
BOOST_AUTO_TEST_CASE(one_oracle_alone, *utf::label("x_alone") * utf::disabled())
{
    verification::expect_gradient_verified("x_alone", square, twice, at_three,
                                           {gradcheck::Oracle::complex_step});
}

// Run only by name: the function the oracles differentiate, passed again as its own
// derivative, compares one code path with itself.
BOOST_AUTO_TEST_CASE(same_callable_twice, *utf::label("x_same") * utf::disabled())
{
    verification::expect_gradient_verified(
        "x_same", square, square, at_three,
        {gradcheck::Oracle::complex_step, gradcheck::Oracle::autodiff});
}

// Run only by name: a copy of the same lambda is the same code.
BOOST_AUTO_TEST_CASE(same_lambda_copied, *utf::label("x_copy") * utf::disabled())
{
    const auto copy = square;
    verification::expect_gradient_verified(
        "x_copy", square, copy, at_three,
        {gradcheck::Oracle::complex_step, gradcheck::Oracle::autodiff});
}

// Run only by name: a negative control must say what is wrong with its formula.
BOOST_AUTO_TEST_CASE(control_without_about, *utf::label("x_mute") * utf::disabled())
{
    const auto thrice = [](const gradcheck::Vector& x) {
        return gradcheck::Vector(3.0 * x);
    };
    verification::expect_gradient_rejected("x_mute", "", square, thrice, at_three,
                                           {gradcheck::Oracle::complex_step});
}

// Run only by name: a check that fails must be recorded as failed.
BOOST_AUTO_TEST_CASE(a_failed_check, *utf::label("x_failed") * utf::disabled())
{
    verification::expect_within("x_failed", "a difference of one", 1.0, 0.5);
}

// Run only by name: a blind spot the checker sees must be recorded as failed.
BOOST_AUTO_TEST_CASE(a_seen_blind_spot, *utf::label("x_seen") * utf::disabled())
{
    const auto thrice = [](const gradcheck::Vector& x) {
        return gradcheck::Vector(3.0 * x);
    };
    verification::expect_gradient_blind_spot("x_seen", "3x for the derivative of x²",
                                             square, thrice, at_three,
                                             {gradcheck::Oracle::complex_step});
}

// Run only by name: a Taylor control that fitted no slope is not a rejection.
BOOST_AUTO_TEST_CASE(taylor_control_without_slope,
                     *utf::label("x_no_slope") * utf::disabled())
{
    gradcheck::TaylorResult r;
    r.label = "x_no_slope";
    r.slope = std::numeric_limits<double>::quiet_NaN();
    verification::expect_rejected(r, "nowhere", "a result without a slope");
}
