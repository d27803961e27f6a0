// The command line of the program "Backpropagation": its options, each checked as it
// is read. Parsing and checking do not run the program, so fuzz/options_fuzzer.cpp can
// try any command line on them.
#pragma once

#include "common/program.hpp"

#include <cstdint>
#include <string>

namespace backpropagation::program {

constexpr const char* description =
    "Backpropagation: a reverse-mode engine on a sigmoid network, checked against "
    "three oracles, and the operation count of a gradient by each method";

struct Options {
    std::uint64_t seed = 4;
    int inputs = 2;
    int hidden = 2;
    int outputs = 2;
    std::string plot_data;
};

inline void add_options(book::CommandLine& command_line, Options& options)
{
    command_line.add_uint64("--seed", options.seed,
                            "seed of the random weights, input and label");
    command_line.add_int("--inputs", options.inputs, 1, 16, "number of inputs D");
    command_line.add_int("--hidden", options.hidden, 1, 16,
                         "number of hidden sigmoid units H");
    command_line.add_int("--outputs", options.outputs, 1, 16,
                         "number of outputs (classes) K");
    command_line.add_text("--plot-data", options.plot_data,
                          "also write the operation counts as columns to FILE");
}

/// Every option is checked as it is read; nothing is left to check.
inline void validate(const Options& /*options*/) {}

} // namespace backpropagation::program
