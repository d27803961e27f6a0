// The command line of the program "A deep sigmoid network on row vectors": its
// options and the checks the command line cannot make. Parsing and checking neither
// run the program nor open the --plot-data file, so fuzz/options_fuzzer.cpp can try
// any command line on them.
#pragma once

#include "common/program.hpp"

#include <cstdint>
#include <string>

namespace deep_network::program {

constexpr const char* description =
    "A deep network on row vectors: 003's recursion checked against two oracles on a "
    "deep network, then the norm of each layer's weight gradient for the sigmoid, "
    "tanh and ReLU at their standard initialisations";

struct Options {
    std::uint64_t seed = 1;
    int depth = 10;
    int width = 32;
    std::string plot_data;
};

inline void add_options(book::CommandLine& command_line, Options& options)
{
    command_line.add_uint64("--seed", options.seed,
                            "seed of the weights, the input and the target");
    command_line.add_int("--depth", options.depth, 1, 50,
                         "number l of weight matrices (layers)");
    command_line.add_int("--width", options.width, 1, 128, "units in every layer");
    command_line.add_text("--plot-data", options.plot_data,
                          "also write the norms of the layers' gradients to FILE");
}

/// Nothing to check beyond the ranges the command line enforces.
inline void validate(const Options& /*options*/) {}

} // namespace deep_network::program
