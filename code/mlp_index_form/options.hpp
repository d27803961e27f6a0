// The command line of the program "The multilayer perceptron in index form": its
// options, and the checks the command line cannot make (a finite, positive learning
// rate, a known activation). Parsing and checking neither run the program nor open
// the --plot-data file, so fuzz/options_fuzzer.cpp can try any command line on them.
#pragma once

#include "common/program.hpp"

#include <cctype>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace mlp_index_form::program {

constexpr const char* description =
    "The multilayer perceptron in index form: source 001's three-layer network "
    "without biases, trained sample by sample with its update rule on a smooth 2-D "
    "regression with two outputs, its gradient checked first";

struct Options {
    std::uint64_t seed = 1;
    int points = 200;
    int hidden = 10;
    int epochs = 1000;
    double rate = 1.0; // 001's rule as printed
    std::string activation = "sigmoid";
    std::string plot_data;
};

inline void add_options(book::CommandLine& command_line, Options& options)
{
    command_line.add_uint64("--seed", options.seed,
                            "seed of the data set and the initial weights");
    command_line.add_int("--points", options.points, 1, 10000, "training points");
    command_line.add_int("--hidden", options.hidden, 1, 256, "hidden units h");
    command_line.add_int("--epochs", options.epochs, 0, 100000,
                         "epochs: passes over the training points, one update each");
    command_line.add_real("--rate", options.rate, book::rate_help);
    command_line.add_text("--activation", options.activation,
                          "the activation f of both layers: sigmoid, tanh or softplus");
    command_line.add_text("--plot-data", options.plot_data,
                          "also write the loss curve and the learned and target "
                          "surfaces to FILE");
}

/// The learning rate is finite and in (0, 100], the activation one of the three
/// (std::invalid_argument otherwise).
inline void validate(const Options& options)
{
    book::require_rate(options.rate);
    if (options.activation != "sigmoid" && options.activation != "tanh" &&
        options.activation != "softplus") {
        std::string shown = options.activation.substr(0, 40); // one line, printable
        for (char& ch : shown)
            if (std::isprint(static_cast<unsigned char>(ch)) == 0)
                ch = '?';
        throw std::invalid_argument("--activation must be sigmoid, tanh or softplus, "
                                    "got '" +
                                    shown + "'");
    }
}

} // namespace mlp_index_form::program
