// What every chapter program shares: its command line and one policy for errors.
// Bad input (an unknown option, a malformed or out-of-range value, an argument the
// mathematics rejects) prints one line "error: ..." and exits 2; any other failure
// exits 1; output that cannot be written is an error too.
//
// The options are read by CLI11, but only program.cpp includes it: CLI11 is a large
// header-only library, and compiling it once (the library book_program) instead of
// once per chapter program and fuzz target keeps the build fast as the book grows.
#pragma once

#include <cmath>
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

namespace book {

constexpr int exit_bad_input = 2;
constexpr int exit_failure = 1;

/// A command line that cannot be read: unknown option, missing or malformed value,
/// value out of range. Its message is one line and ends with " (see --help)".
class UsageError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

/// A program's command line: the options its options.hpp declares, each read into a
/// variable of the caller's, which must outlive the CommandLine. Each option's
/// current value is shown in --help as its default.
class CommandLine {
public:
    explicit CommandLine(const std::string& description);
    ~CommandLine();
    CommandLine(const CommandLine&) = delete;
    CommandLine& operator=(const CommandLine&) = delete;
    CommandLine(CommandLine&&) = delete;
    CommandLine& operator=(CommandLine&&) = delete;

    /// NAME FLOAT: a real number, the whole text read by std::strtold: nan, inf and
    /// values too large for a double (as inf) pass, for validate() to judge.
    void add_real(const std::string& name, double& value, const std::string& help);
    /// NAME INT: a whole number from `low` to `high`.
    void add_int(const std::string& name, int& value, int low, int high,
                 const std::string& help);
    /// NAME UINT: a whole number from 0 to 2^64 - 1, in decimal digits only. (CLI11 2.1
    /// on its own reads "-1" into an unsigned as 2^64 - 1 and saturates larger values.)
    void add_uint64(const std::string& name, std::uint64_t& value,
                    const std::string& help);
    /// NAME TEXT: any string, e.g. a file name.
    void add_text(const std::string& name, std::string& value, const std::string& help);

    enum class Request { run, help };
    /// Reads the arguments into the options' variables; Request::help if --help (-h)
    /// was given. Throws UsageError on a command line that cannot be read.
    Request parse(int argc, const char* const* argv);
    /// The --help text: description, usage, each option with its type, range, default.
    std::string help() const;

private:
    struct Parser; // CLI::App, kept out of this header
    std::unique_ptr<Parser> parser_;
};

/// The help of a program's --rate option, and the check its validate() makes: a
/// learning rate is a finite number in (0, 100].
constexpr const char* rate_help = "learning rate eta, a finite number in (0, 100]";

/// Throws std::invalid_argument (bad input) unless `rate` is finite and in (0, 100].
inline void require_rate(double rate)
{
    if (!std::isfinite(rate) || rate <= 0.0 || rate > 100.0)
        throw std::invalid_argument("--rate must be a finite number in (0, 100], got " +
                                    std::to_string(rate));
}

/// Parses the command line, then runs `body()`, under the book's error policy:
/// UsageError, std::invalid_argument and std::domain_error are bad input (exit 2),
/// any other exception exit 1; both print one line "error: ..." on standard error.
/// --help prints the help and runs nothing.
int run_program(CommandLine& command_line, int argc, const char* const* argv,
                const std::function<void()>& body);

} // namespace book
