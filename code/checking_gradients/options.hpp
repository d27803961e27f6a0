// The command line of the program "Checking gradients": its options, and the check
// that --x names a point where f is defined. Parsing and checking neither run the
// program nor open the --plot-data file, so fuzz/options_fuzzer.cpp can try any
// command line on them.
#pragma once

#include "checking_gradients/checking_gradients.hpp"
#include "common/program.hpp"

#include <string>

namespace checking_gradients::program {

constexpr const char* description =
    "Numerical derivatives of f(x) = e^x / sqrt(sin(x)^3 + cos(x)^3): error against "
    "step for forward and central differences, the complex step and autodiff.";

struct Options {
    double x = 1.5;
    int decades = 20;
    std::string plot_data;
};

inline void add_options(book::CommandLine& command_line, Options& options)
{
    command_line.add_real("--x", options.x,
                          "the point x (f needs sin(x) + cos(x) > 0)");
    command_line.add_int("--decades", options.decades, 1, 300,
                         "steps from 1e-1 down to 1e-DECADES");
    command_line.add_text("--plot-data", options.plot_data,
                          "also write the errors as columns to FILE");
}

/// What the command line cannot check: x is finite (std::invalid_argument) and inside
/// the domain of f (std::domain_error).
inline void validate(const Options& options)
{
    checking_gradients::require_in_domain(options.x);
}

} // namespace checking_gradients::program
