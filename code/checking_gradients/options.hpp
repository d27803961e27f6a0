// The command line of the program "Checking gradients": its options, and the check
// that --x names a point where f is defined. Parsing and checking neither run the
// program nor open the --plot-data file, so fuzz/options_fuzzer.cpp can try any
// command line on them.
#pragma once

#include "checking_gradients/checking_gradients.hpp"

#include <CLI/CLI.hpp>

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

inline void add_options(CLI::App& app, Options& options)
{
    app.add_option("--x", options.x, "the point x (f needs sin(x) + cos(x) > 0)")
        ->capture_default_str();
    app.add_option("--decades", options.decades, "steps from 1e-1 down to 1e-DECADES")
        ->check(CLI::Range(1, 300))
        ->capture_default_str();
    app.add_option("--plot-data", options.plot_data, "also write the errors as columns to FILE");
}

/// What CLI11 cannot check: x is finite (std::invalid_argument) and inside the
/// domain of f (std::domain_error).
inline void validate(const Options& options)
{
    checking_gradients::require_in_domain(options.x);
}

} // namespace checking_gradients::program
