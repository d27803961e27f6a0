// The command line of the program "One hidden layer": its options, and the checks
// the command line cannot make (a finite, positive learning rate). Parsing and
// checking neither run the program nor open the --plot-data file, so
// fuzz/options_fuzzer.cpp can try any command line on them.
#pragma once

#include "common/program.hpp"

#include <cstdint>
#include <string>

namespace one_hidden_layer::program {

constexpr const char* description =
    "One hidden layer: a ReLU network with softmax and cross-entropy trained by "
    "gradient descent on three interleaved spirals, its gradient checked first";

struct Options {
    std::uint64_t seed = 5;
    int points = 100;
    int hidden = 64;
    int steps = 3000;
    double rate = 1.0;
    std::string plot_data;
};

inline void add_options(book::CommandLine& command_line, Options& options)
{
    command_line.add_uint64("--seed", options.seed,
                            "seed of the spirals and the initial weights");
    command_line.add_int("--points", options.points, 3, 1000,
                         "points per spiral (class)");
    command_line.add_int("--hidden", options.hidden, 1, 256, "hidden units Dh");
    command_line.add_int("--steps", options.steps, 0, 100000,
                         "steps of gradient descent");
    command_line.add_real("--rate", options.rate, book::rate_help);
    command_line.add_text("--plot-data", options.plot_data,
                          "also write the loss curve, the decision regions and the "
                          "points to FILE");
}

/// The learning rate is finite and in (0, 100] (std::invalid_argument otherwise).
inline void validate(const Options& options)
{
    book::require_rate(options.rate);
}

} // namespace one_hidden_layer::program
