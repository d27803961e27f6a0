// A libFuzzer target for one chapter program's command line: the bytes are split
// into arguments and handed to book::run_program with the program's options, exactly
// as its main() does, but with a body that only checks them (validate()) instead of
// running the program. Compiled once per chapter, with BACKPROP_CHAPTER naming the
// chapter (its options are BACKPROP_CHAPTER::program in
// code/BACKPROP_CHAPTER/options.hpp; fuzz/CMakeLists.txt).
//
// The input is the program's arguments, one per line ('\n'); a NUL byte ends an
// argument early, as it would in a real argv. The book's error policy is the oracle:
// exit status 0 with nothing on standard error (the options are good, or --help), or
// status 2 with exactly one line "error: ..." (bad input). Any other answer aborts
// with an "error policy:" line, and an exception that escapes run_program is a
// finding too, as is every sanitizer report, a leak, a timeout and running out of
// memory.
#include BACKPROP_OPTIONS_HEADER

#include "common/program.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <streambuf>
#include <string>
#include <vector>

namespace {

/// Limits that keep one input quick: more or longer arguments teach nothing new.
constexpr std::size_t max_arguments = 64;
constexpr std::size_t max_argument_length = 256;

/// A stream buffer that accepts and forgets everything (the program's output, --help).
class NullBuffer : public std::streambuf {
protected:
    int_type overflow(int_type c) override { return traits_type::not_eof(c); }
    std::streamsize xsputn(const char* /*s*/, std::streamsize n) override { return n; }
};

/// The arguments in `data`, one per line; false if there are too many or one is too
/// long.
bool split_lines(const std::uint8_t* data, std::size_t size,
                 std::vector<std::string>& arguments)
{
    std::string current;
    for (std::size_t i = 0; i < size; ++i) {
        if (data[i] != '\n') {
            if (current.size() == max_argument_length)
                return false;
            current.push_back(static_cast<char>(data[i]));
            continue;
        }
        arguments.push_back(current);
        current.clear();
        if (arguments.size() > max_arguments)
            return false;
    }
    if (!current.empty()) // a last line without its '\n'
        arguments.push_back(current);
    return arguments.size() <= max_arguments;
}

/// What standard error holds after one input: the program's error line, if any.
std::stringbuf& errors()
{
    static std::stringbuf buffer;
    return buffer;
}

/// The book's error policy: status 0 and nothing on standard error, or status 2 and
/// one line "error: ..." (bad input). Aborts on anything else.
void require_error_policy(int status, const std::string& message)
{
    const bool quiet = message.empty();
    const bool one_error_line = message.rfind("error: ", 0) == 0 &&
                                message.size() > 8 &&
                                message.find('\n') == message.size() - 1;
    if ((status == 0 && quiet) || (status == book::exit_bad_input && one_error_line))
        return;
    std::fprintf(stderr,
                 "error policy: exit status %d with standard error '%s' (expected 0 "
                 "and nothing, or 2 and one line 'error: ...')\n",
                 status, message.c_str());
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/)
{
    static NullBuffer null_buffer;
    std::cout.rdbuf(&null_buffer);
    std::cerr.rdbuf(&errors());
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::vector<std::string> arguments;
    if (!split_lines(data, size, arguments))
        return -1; // not worth keeping in the corpus
    std::vector<const char*> argv{"program"};
    for (const std::string& argument : arguments)
        argv.push_back(argument.c_str());

    namespace program = BACKPROP_CHAPTER::program;
    book::CommandLine command_line{program::description};
    program::Options options;
    program::add_options(command_line, options);
    errors().str({});
    const int status =
        book::run_program(command_line, static_cast<int>(argv.size()), argv.data(),
                          [&] { program::validate(options); });
    require_error_policy(status, errors().str());
    return 0;
}
