// The command line of the program "Max pooling": its options, and the checks the
// command line cannot make (a window that fits the padded image, a stride of 1 or
// more, padding from 0 to half the kernel: max_pooling::make_pooling's rules).
// Parsing and checking neither run the program nor open the --plot-data file, so
// fuzz/options_fuzzer.cpp can try any command line on them.
#pragma once

#include "common/program.hpp"
#include "max_pooling/max_pooling.hpp"

#include <cstdint>
#include <stdexcept>
#include <string>

namespace max_pooling::program {

constexpr const char* description =
    "Max pooling: max and average pooling of a random batch of images, their "
    "hand-derived gradients checked against two oracles, and the switches of one "
    "channel";

struct Options {
    std::uint64_t seed = 7;
    int batch = 2;
    int channels = 3;
    int size = 8;
    int kernel = 3;
    int stride = 2;
    int padding = 1;
    std::string plot_data;
};

inline void add_options(book::CommandLine& command_line, Options& options)
{
    command_line.add_uint64("--seed", options.seed, "seed of the images");
    command_line.add_int("--batch", options.batch, 1, 4, "images N");
    command_line.add_int("--channels", options.channels, 1, 4, "channels C");
    command_line.add_int("--size", options.size, 1, 16, "rows and columns H = W");
    // The window's values are checked by validate(), with the library's messages.
    command_line.add_int("--kernel", options.kernel, -1000, 1000, "window k (k x k)");
    command_line.add_int("--stride", options.stride, -1000, 1000, "stride s");
    command_line.add_int("--padding", options.padding, -1000, 1000,
                         "padding p on each side, at most k/2");
    command_line.add_text("--plot-data", options.plot_data,
                          "also write the first channel's input and switches to FILE");
}

/// The geometry the options describe; std::invalid_argument for impossible sizes.
inline Pooling pooling_of(const Options& options)
{
    const Shape in{options.batch, options.channels, options.size, options.size};
    return make_pooling("--kernel/--stride/--padding", in,
                        {options.kernel, options.stride, options.padding});
}

/// Throws std::invalid_argument, with make_pooling's message, for impossible sizes.
inline void validate(const Options& options)
{
    const Pooling P = pooling_of(options);
    if (P.out.size() < 1)
        throw std::invalid_argument("--kernel/--stride/--padding: no output");
}

} // namespace max_pooling::program
