// The command line of the program "Softmax and cross-entropy": its options, each
// checked as it is read. Parsing and checking do not run the program, so
// fuzz/options_fuzzer.cpp can try any command line on them.
#pragma once

#include "common/program.hpp"

#include <cstdint>

namespace softmax_cross_entropy::program {

constexpr const char* description =
    "Softmax and cross-entropy: the gradient y_hat - y, checked";

struct Options {
    std::uint64_t seed = 7;
    int classes = 4;
    int batch = 3;
};

inline void add_options(book::CommandLine& command_line, Options& options)
{
    command_line.add_uint64("--seed", options.seed,
                            "seed of the random logits and labels");
    command_line.add_int("--classes", options.classes, 1, 12, "number of classes N");
    command_line.add_int("--batch", options.batch, 1, 64,
                         "number of samples B in the batch");
}

/// Every option is checked as it is read; nothing is left to check.
inline void validate(const Options& /*options*/) {}

} // namespace softmax_cross_entropy::program
