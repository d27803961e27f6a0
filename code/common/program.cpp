// The chapter programs' command line through CLI11, compiled once (program.hpp).
#include "common/program.hpp"

#include <CLI/CLI.hpp>

#include <charconv>
#include <exception>
#include <iostream>
#include <system_error>

namespace book {

namespace {

/// A whole number from 0 to 2^64 - 1, in decimal.
CLI::Validator uint64_decimal()
{
    return {[](std::string& text) -> std::string {
                std::uint64_t value = 0;
                const char* end = text.data() + text.size();
                const auto [stop, status] = std::from_chars(text.data(), end, value);
                if (status != std::errc() || stop != end || text.empty())
                    return "'" + text +
                           "' is not a whole number from 0 to 18446744073709551615";
                return {};
            },
            "UINT64"};
}

} // namespace

struct CommandLine::Parser {
    explicit Parser(const std::string& description) : app(description) {}
    CLI::App app;
};

CommandLine::CommandLine(const std::string& description)
    : parser_(std::make_unique<Parser>(description))
{
}

CommandLine::~CommandLine() = default;

void CommandLine::add_real(const std::string& name, double& value,
                           const std::string& help)
{
    parser_->app.add_option(name, value, help)->capture_default_str();
}

void CommandLine::add_int(const std::string& name, int& value, int low, int high,
                          const std::string& help)
{
    parser_->app.add_option(name, value, help)
        ->check(CLI::Range(low, high))
        ->capture_default_str();
}

void CommandLine::add_uint64(const std::string& name, std::uint64_t& value,
                             const std::string& help)
{
    parser_->app.add_option(name, value, help)
        ->check(uint64_decimal())
        ->capture_default_str();
}

void CommandLine::add_text(const std::string& name, std::string& value,
                           const std::string& help)
{
    parser_->app.add_option(name, value, help)->capture_default_str();
}

CommandLine::Request CommandLine::parse(int argc, const char* const* argv)
{
    try {
        parser_->app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        return Request::help;
    } catch (const CLI::ParseError& e) {
        throw UsageError(std::string(e.what()) + " (see --help)");
    }
    return Request::run;
}

std::string CommandLine::help() const
{
    return parser_->app.help();
}

int run_program(CommandLine& command_line, int argc, const char* const* argv,
                const std::function<void()>& body)
{
    try {
        if (command_line.parse(argc, argv) == CommandLine::Request::help)
            std::cout << command_line.help();
        else
            body();
        std::cout.flush();
        if (!std::cout) {
            std::cerr << "error: could not write the program's output\n";
            return exit_failure;
        }
        return 0;
    } catch (const std::invalid_argument& e) { // UsageError included
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
