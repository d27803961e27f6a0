// A libFuzzer target for one chapter program's command line: the bytes are split
// into arguments, parsed by the program's CLI11 options and checked by its
// validate(), exactly as book::run_program would before running the program.
// Compiled once per chapter, with BACKPROP_CHAPTER naming the chapter (its options
// are BACKPROP_CHAPTER::program in code/BACKPROP_CHAPTER/options.hpp; fuzz/CMakeLists.txt).
//
// The input is the program's arguments, one per line ('\n'); a NUL byte ends an
// argument early, as it would in a real argv. The book's bad-input answers
// (CLI::ParseError, --help included, std::invalid_argument, std::domain_error) are
// the expected rejections; anything else escapes and is a finding, as is every
// sanitizer report, a leak, a timeout and running out of memory.
#include BACKPROP_OPTIONS_HEADER

#include <CLI/CLI.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <stdexcept>
#include <streambuf>
#include <string>
#include <vector>

namespace {

/// Limits that keep one input quick: more or longer arguments teach nothing new.
constexpr std::size_t max_arguments = 64;
constexpr std::size_t max_argument_length = 256;

/// A stream buffer that accepts and forgets everything (help text, stray messages).
class NullBuffer : public std::streambuf {
protected:
    int_type overflow(int_type c) override { return traits_type::not_eof(c); }
    std::streamsize xsputn(const char* /*s*/, std::streamsize n) override { return n; }
};

/// The arguments in `data`, one per line; false if there are too many or one is too long.
bool split_lines(const std::uint8_t* data, std::size_t size, std::vector<std::string>& arguments)
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

/// The book's error policy prints each rejection as one line "error: ...".
void require_one_line(const char* message)
{
    const std::string text = message;
    if (text.empty() || text.find('\n') != std::string::npos) {
        std::fprintf(stderr, "rejection message is not one non-empty line: '%s'\n", message);
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/)
{
    static NullBuffer null_buffer;
    std::cout.rdbuf(&null_buffer);
    std::cerr.rdbuf(&null_buffer);
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
    CLI::App app{program::description};
    program::Options options;
    program::add_options(app, options);
    try {
        app.parse(static_cast<int>(argv.size()), argv.data());
        program::validate(options);
    } catch (const CLI::CallForHelp&) {
        std::cout << app.help();
    } catch (const CLI::ParseError& e) {
        require_one_line(e.what());
    } catch (const std::invalid_argument& e) {
        require_one_line(e.what());
    } catch (const std::domain_error& e) {
        require_one_line(e.what());
    }
    return 0;
}
