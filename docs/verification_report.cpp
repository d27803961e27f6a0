// Turns the verification records written by this build's test run into the lines
// the book prints under each verified formula.
//
//   verification_report OUT.md TEXT.md... RECORD.tsv...
//
// Each RECORD.tsv is one test module's log (tests/support/verification.hpp):
//   label  test  method  kind(check|control)  verdict(pass|fail)  measure
// OUT.md holds one Doxygen snippet block per label, included in a chapter with
// \snippet{doc} verification.md LABEL, plus a block "all" with the whole table.
// A record whose verdict is not "pass" is an error: the book never shows a
// formula as verified when this build's tests did not verify it.
//
// One name per equation, checked both ways against the text (the TEXT.md pages):
// every equation \label{NAME} and every box "verification.md NAME" has a record
// NAME, every recorded NAME has its box in the text, and every \eqref{NAME} names
// an equation of the text. Each violation is one
// line "error: ..." naming the label; any of them fails the book's build.

#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

struct Record {
    std::string label, test, method, kind, verdict, measure;
};

std::vector<std::string> split_tabs(const std::string& line)
{
    std::vector<std::string> fields;
    std::istringstream in(line);
    std::string field;
    while (std::getline(in, field, '\t'))
        fields.push_back(field);
    return fields;
}

std::vector<Record> read_records(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        throw std::runtime_error("cannot read " + path + " (did the test module run?)");
    std::vector<Record> records;
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        if (number == 1)
            continue; // the header
        const std::vector<std::string> f = split_tabs(line);
        if (f.size() != 6)
            throw std::runtime_error(path + ":" + std::to_string(number) +
                                     ": expected 6 fields, found " +
                                     std::to_string(f.size()));
        Record r{f[0], f[1], f[2], f[3], f[4], f[5]};
        if (r.verdict != "pass")
            throw std::runtime_error(path + ":" + std::to_string(number) + ": " +
                                     r.label + " [" + r.method + "] did not pass in " +
                                     r.test + ": " + r.measure);
        records.push_back(r);
    }
    if (records.empty())
        throw std::runtime_error(path + " holds no record");
    return records;
}

std::string escape_html(const std::string& text)
{
    std::string out;
    for (char c : text) {
        switch (c) {
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '&':
            out += "&amp;";
            break;
        case '\\':
            out += "&#92;";
            break;
        case '@':
            out += "&#64;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

/// One label's block: the records grouped by test, one line per test.
void write_block(std::ostream& out, const std::string& label,
                 const std::vector<Record>& records)
{
    const bool control = records.front().kind == "control";
    out << "/// [" << label << "]\n";
    out << "<div class=\""
        << (control ? "verification rejected" : "verification verified") << "\">";
    out << "<span class=\"verdict\">"
        << (control ? "Negative control: rejected by the checker"
                    : "Verified by this build's tests")
        << "</span>";
    std::string current_test;
    for (const Record& r : records) {
        if (r.test != current_test) {
            out << "<br><code>" << escape_html(r.test) << "</code>: ";
            current_test = r.test;
        } else {
            out << "; ";
        }
        out << escape_html(r.method) << ", " << escape_html(r.measure);
    }
    out << "</div>\n/// [" << label << "]\n\n";
}

void write_table(std::ostream& out, const std::vector<std::string>& order,
                 const std::map<std::string, std::vector<Record>>& by_label)
{
    out << "/// [all]\n";
    out << "<table "
           "class=\"verification-table\"><tr><th>Label</th><th>Kind</th><th>Test</th>"
           "<th>Method</th><th>Measured</th></tr>\n";
    for (const std::string& label : order) {
        for (const Record& r : by_label.at(label)) {
            out << "<tr><td><code>" << escape_html(label) << "</code></td><td>"
                << (r.kind == "control" ? "negative control, rejected"
                                        : "check, passed")
                << "</td><td><code>" << escape_html(r.test) << "</code></td><td>"
                << escape_html(r.method) << "</td><td>" << escape_html(r.measure)
                << "</td></tr>\n";
        }
    }
    out << "</table>\n/// [all]\n";
}

/// Where a label stands in the text: "chapters/x.md:12".
struct Place {
    std::string file;
    int line = 0;
};

/// Every name that follows `prefix` in `line`: up to the next '}' for \\label{ and
/// \\eqref{, up to the end of the word after spaces for "verification.md".
std::vector<std::string> names_after(const std::string& line, const std::string& prefix)
{
    std::vector<std::string> names;
    for (std::size_t at = line.find(prefix); at != std::string::npos;
         at = line.find(prefix, at + prefix.size())) {
        std::size_t begin = at + prefix.size();
        if (prefix.back() == '{') {
            const std::size_t end = line.find('}', begin);
            if (end != std::string::npos)
                names.push_back(line.substr(begin, end - begin));
            continue;
        }
        begin = line.find_first_not_of(" \t", begin);
        if (begin == std::string::npos)
            continue;
        const std::size_t end = line.find_first_of(" \t", begin);
        names.push_back(
            line.substr(begin, end == std::string::npos ? end : end - begin));
    }
    return names;
}

/// The equation labels, the verdict boxes and the equation references of one page.
void read_text(const std::string& path, std::map<std::string, Place>& equations,
               std::map<std::string, Place>& boxes,
               std::map<std::string, Place>& references)
{
    std::ifstream in(path);
    if (!in)
        throw std::runtime_error("cannot read " + path);
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        for (const std::string& name : names_after(line, "\\label{"))
            equations.emplace(name, Place{path, number});
        for (const std::string& name : names_after(line, "\\eqref{"))
            references.emplace(name, Place{path, number});
        for (const std::string& name : names_after(line, "verification.md"))
            if (name != "all")
                boxes.emplace(name, Place{path, number});
    }
}

/// The checks both ways; returns the number of violations, each printed on one line.
int check_labels(const std::map<std::string, Place>& equations,
                 const std::map<std::string, Place>& boxes,
                 const std::map<std::string, Place>& references,
                 const std::map<std::string, std::vector<Record>>& by_label)
{
    int errors = 0;
    for (const auto& [label, at] : references) {
        if (equations.count(label) == 0) {
            std::cerr << "error: " << at.file << ":" << at.line << ": \\eqref{" << label
                      << "} names no equation of the text\n";
            ++errors;
        }
    }
    for (const auto& [label, at] : equations) {
        if (by_label.count(label) == 0) {
            std::cerr << "error: " << at.file << ":" << at.line << ": equation "
                      << label << " has no record: no test verified it\n";
            ++errors;
        }
    }
    for (const auto& [label, at] : boxes) {
        if (by_label.count(label) == 0) {
            std::cerr << "error: " << at.file << ":" << at.line << ": the box " << label
                      << " has no record: no test verified it\n";
            ++errors;
        }
    }
    for (const auto& [label, records] : by_label) {
        if (boxes.count(label) == 0) {
            std::cerr
                << "error: the record " << label << " (" << records.front().test
                << ") is not in the text: show it with \\snippet{doc} verification.md "
                << label << "\n";
            ++errors;
        }
    }
    return errors;
}

bool ends_with(const std::string& text, const std::string& end)
{
    return text.size() >= end.size() &&
           text.compare(text.size() - end.size(), end.size(), end) == 0;
}

int run(int argc, char** argv)
{
    if (argc < 3) {
        std::cerr << "usage: verification_report OUT.md TEXT.md... RECORD.tsv...\n";
        return 2;
    }
    std::vector<std::string> order;
    std::map<std::string, std::vector<Record>> by_label;
    std::map<std::string, std::string>
        module_of; // label -> the record file that holds it
    std::map<std::string, Place> equations;
    std::map<std::string, Place> boxes;
    std::map<std::string, Place> references;
    for (int i = 2; i < argc; ++i) {
        const std::string path = argv[i];
        if (ends_with(path, ".md")) {
            read_text(path, equations, boxes, references);
            continue;
        }
        for (Record& r : read_records(path)) {
            const auto [owner, fresh] = module_of.emplace(r.label, path);
            if (!fresh && owner->second != path)
                throw std::runtime_error("label " + r.label +
                                         " is recorded by two test modules, " +
                                         owner->second + " and " + path);
            auto& group = by_label[r.label];
            if (group.empty())
                order.push_back(r.label);
            else if (group.front().kind != r.kind)
                throw std::runtime_error(
                    "label " + r.label +
                    " is used both by a check and by a negative control");
            group.push_back(std::move(r));
        }
    }
    if (check_labels(equations, boxes, references, by_label) > 0)
        return 1;
    std::ofstream out(argv[1]);
    for (const std::string& label : order)
        write_block(out, label, by_label.at(label));
    write_table(out, order, by_label);
    out.close();
    if (!out)
        throw std::runtime_error(std::string("cannot write ") + argv[1]);
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    try {
        return run(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "error: verification_report: " << e.what() << '\n';
        return 1;
    }
}
