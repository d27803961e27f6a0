// The command line of the program "Jacobians and layouts": its options, each checked
// as it is read. Parsing and checking do not run the program, so
// fuzz/options_fuzzer.cpp can try any command line on them.
#pragma once

#include "common/program.hpp"

#include <cstdint>
#include <stdexcept>
#include <string>

namespace jacobians_and_layouts::program {

constexpr const char* description =
    "Jacobians and layouts: each identity checked at random shapes, and the table "
    "of layouts";

struct Options {
    std::uint64_t seed = 7;
    int inputs = 4;  // m, the length of x
    int outputs = 3; // n, the length of z
    std::string table;
};

inline void add_options(book::CommandLine& command_line, Options& options)
{
    command_line.add_uint64("--seed", options.seed, "seed of the random W, x and g");
    command_line.add_int("--inputs", options.inputs, 2, 12, "length m of x");
    command_line.add_int("--outputs", options.outputs, 2, 12, "length n of z");
    command_line.add_text("--table", options.table,
                          "also write the table of layouts, in Markdown, to this file");
}

/// m and n must differ, so that the table can tell them apart.
inline void validate(const Options& options)
{
    if (options.inputs == options.outputs)
        throw std::invalid_argument("--inputs and --outputs are both " +
                                    std::to_string(options.inputs) +
                                    "; the table of shapes needs m != n");
}

} // namespace jacobians_and_layouts::program
