// The command line of the program "Convolution": its options, and the check the
// command line cannot make (that a window fits each padded axis, core::output_size).
// Parsing and checking neither run the program nor open the --plot-data file, so
// fuzz/options_fuzzer.cpp can try any command line on them.
#pragma once

#include "common/program.hpp"
#include "convolution/convolution.hpp"

#include <cstdint>
#include <string>

namespace convolution::program {

constexpr const char* description =
    "Convolution: a layer with several channels, a batch, stride, padding and "
    "dilation; its gradients by a dense layer with tied weights, by the direct "
    "backward pass and by two oracles, compared";

struct Options {
    std::uint64_t seed = 7;
    int batch = 2;
    int channels = 3;
    int filters = 4;
    int height = 12;
    int width = 10;
    int kernel = 3;
    int stride = 2;
    int padding = 1;
    int dilation = 1;
    std::string plot_data;
};

inline void add_options(book::CommandLine& command_line, Options& options)
{
    command_line.add_uint64("--seed", options.seed, "seed of the input and the kernel");
    command_line.add_int("--batch", options.batch, 1, 8, "images M in the batch");
    command_line.add_int("--channels", options.channels, 1, 8, "input channels D");
    command_line.add_int("--filters", options.filters, 1, 8, "output channels O");
    command_line.add_int("--height", options.height, 1, 64, "image rows n_h");
    command_line.add_int("--width", options.width, 1, 64, "image columns n_w");
    command_line.add_int("--kernel", options.kernel, 1, 64, "taps F along each axis");
    // Wide ranges on purpose: core::output_size, not the parser, rejects a stride
    // or dilation of 0 and a negative padding, with the layer's own message.
    command_line.add_int("--stride", options.stride, -64, 64,
                         "stride s along each axis");
    command_line.add_int("--padding", options.padding, -64, 64,
                         "zeros p added on each side of each axis");
    command_line.add_int("--dilation", options.dilation, -64, 64,
                         "entries d from one tap to the next");
    command_line.add_text("--plot-data", options.plot_data,
                          "also write the data of the chapter's figures to FILE");
}

/// The layer of the options, each axis a core::Window.
inline Geometry geometry_of(const Options& o)
{
    Geometry g;
    g.batch = o.batch;
    g.channels = o.channels;
    g.filters = o.filters;
    g.rows = {o.height, o.kernel, o.stride, o.padding, o.dilation};
    g.cols = {o.width, o.kernel, o.stride, o.padding, o.dilation};
    return g;
}

/// Throws std::invalid_argument (core::output_size's one line) when no window fits.
inline void validate(const Options& options)
{
    require_geometry("the layer", geometry_of(options));
}

} // namespace convolution::program
