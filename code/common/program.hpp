// What every chapter program shares: option parsing with CLI11 and one policy for
// errors. Bad input (an unknown option, a malformed or out-of-range value, an
// argument the mathematics rejects) prints one line "error: ..." and exits 2;
// any other failure exits 1; output that cannot be written is an error too.
#pragma once

#include <CLI/CLI.hpp>

#include <charconv>
#include <cstdint>
#include <exception>
#include <iostream>
#include <stdexcept>
#include <string>
#include <system_error>

namespace book {

constexpr int exit_bad_input = 2;
constexpr int exit_failure = 1;

/// A whole number from 0 to 2^64 - 1, in decimal. CLI11 2.1 on its own reads "-1"
/// into an unsigned as 2^64 - 1 and saturates larger values, so seeds use this.
inline CLI::Validator uint64_decimal()
{
    return {[](std::string& text) -> std::string {
                std::uint64_t value = 0;
                const char* end = text.data() + text.size();
                const auto [stop, status] = std::from_chars(text.data(), end, value);
                if (status != std::errc() || stop != end || text.empty())
                    return "'" + text + "' is not a whole number from 0 to 18446744073709551615";
                return {};
            },
            "UINT64"};
}

/// Parses the command line into `app`'s options, then runs `body()`.
template <class Body> int run_program(CLI::App& app, int argc, char** argv, Body body)
{
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        std::cout << app.help();
        return 0;
    } catch (const CLI::ParseError& e) {
        std::cerr << "error: " << e.what() << " (see --help)\n";
        return exit_bad_input;
    }
    try {
        body();
        std::cout.flush();
        if (!std::cout) {
            std::cerr << "error: could not write the program's output\n";
            return exit_failure;
        }
        return 0;
    } catch (const std::invalid_argument& e) {
        std::cerr << "error: " << e.what() << '\n';
        return exit_bad_input;
    } catch (const std::domain_error& e) {
        std::cerr << "error: " << e.what() << '\n';
        return exit_bad_input;
    } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << '\n';
        return exit_failure;
    }
}

} // namespace book
