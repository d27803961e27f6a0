// The command line of the program "Recurrent networks": its options, and the checks
// the command line cannot make (a finite, positive learning rate and clipping
// threshold; a delay shorter than the sequence). Parsing and checking neither run the
// program nor open the --plot-data file, so fuzz/options_fuzzer.cpp can try any
// command line on them.
#pragma once

#include "common/program.hpp"

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace recurrent_networks::program {

constexpr const char* description =
    "Recurrent networks: an Elman network trained by backpropagation through time, "
    "in full and truncated, to repeat each symbol of a random sequence a fixed number "
    "of steps later; its gradient checked first";

struct Options {
    std::uint64_t seed = 7;
    int symbols = 4;
    int delay = 3;
    int length = 12;
    int hidden = 16;
    int batch = 16;
    int steps = 600;
    double rate = 0.5;
    double clip = 1.0;
    std::string plot_data;
};

inline void add_options(book::CommandLine& command_line, Options& options)
{
    command_line.add_uint64("--seed", options.seed,
                            "seed of the sequences and the initial weights");
    command_line.add_int("--symbols", options.symbols, 2, 26,
                         "symbols in the alphabet (inputs D)");
    command_line.add_int("--delay", options.delay, 0, 50,
                         "steps d between a symbol and its echo");
    command_line.add_int("--length", options.length, 1, 200, "steps T of a sequence");
    command_line.add_int("--hidden", options.hidden, 1, 256, "state size H");
    command_line.add_int("--batch", options.batch, 1, 1024, "sequences per step");
    command_line.add_int("--steps", options.steps, 0, 100000,
                         "steps of gradient descent");
    command_line.add_real("--rate", options.rate, book::rate_help);
    command_line.add_real("--clip", options.clip,
                          "gradient-norm clipping threshold, a finite number > 0");
    command_line.add_text("--plot-data", options.plot_data,
                          "also write the loss curves, the gradient norms and the "
                          "truncation gaps to FILE");
}

/// The rate is finite and in (0, 100], the threshold finite and positive, and the
/// delay shorter than the sequence (std::invalid_argument otherwise).
inline void validate(const Options& options)
{
    book::require_rate(options.rate);
    if (!std::isfinite(options.clip) || options.clip <= 0.0)
        throw std::invalid_argument("--clip must be a finite number > 0, got " +
                                    std::to_string(options.clip));
    if (options.delay >= options.length)
        throw std::invalid_argument("--delay " + std::to_string(options.delay) +
                                    " must be shorter than --length " +
                                    std::to_string(options.length) +
                                    ": no symbol would have its echo");
}

} // namespace recurrent_networks::program
