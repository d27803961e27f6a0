// The command line of the program "Softmax and cross-entropy": its options, each
// checked by CLI11 as it is read. Parsing and checking do not run the program, so
// fuzz/options_fuzzer.cpp can try any command line on them.
#pragma once

#include "common/program.hpp"

#include <CLI/CLI.hpp>

#include <cstdint>

namespace softmax_cross_entropy::program {

constexpr const char* description = "Softmax and cross-entropy: the gradient y_hat - y, checked";

struct Options {
    std::uint64_t seed = 7;
    int classes = 4;
    int batch = 3;
};

inline void add_options(CLI::App& app, Options& options)
{
    app.add_option("--seed", options.seed, "seed of the random logits and labels")
        ->check(book::uint64_decimal());
    app.add_option("--classes", options.classes, "number of classes N")->check(CLI::Range(1, 12));
    app.add_option("--batch", options.batch, "number of samples B in the batch")
        ->check(CLI::Range(1, 64));
}

/// Every option is checked by its validator as it is read; nothing is left to check.
inline void validate(const Options& /*options*/) {}

} // namespace softmax_cross_entropy::program
