// A file a chapter program writes beside what it prints: the data of its figures
// (--plot-data) or a table for the text (--table). One policy for all of them:
// - the file is opened before the program prints anything, so that a path that
//   cannot be written is bad input: one error line, exit 2, nothing printed;
// - it is finished explicitly, and a write that failed (a full disk) is an error,
//   exit 1, never a file silently cut short.
#pragma once

#include <fstream>
#include <stdexcept>
#include <string>
#include <utility>

namespace book {

class OutputFile {
public:
    /// `option` names the file in messages ("--plot-data"); an empty `path` means the
    /// option was not given: nothing is opened and wanted() is false.
    OutputFile(std::string option, std::string path)
        : option_(std::move(option)), path_(std::move(path))
    {
        if (path_.empty())
            return;
        out_.open(path_);
        if (!out_)
            throw std::invalid_argument("cannot write " + option_ + " file '" + path_ +
                                        "'");
    }

    /// Whether the option was given, so that the program writes the file.
    bool wanted() const { return !path_.empty(); }
    std::ostream& stream() { return out_; }

    /// Closes the file; throws if any write to it failed.
    void finish()
    {
        if (!wanted())
            return;
        out_.close();
        if (!out_)
            throw std::runtime_error("could not finish writing " + option_ + " file '" +
                                     path_ + "'");
    }

private:
    std::string option_;
    std::string path_;
    std::ofstream out_;
};

} // namespace book
