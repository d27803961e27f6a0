// Turns the verification records written by this build's test run into the boxes
// the book prints under each verified formula, the verification-record page, and the
// numbers the text quotes.
//
//   verification_report OUT.md QUOTES.doxyfile TEXT.md... RECORD.tsv...
//
// Each RECORD.tsv is one test module's log (tests/support/verification.hpp), with the
// columns label, test, kind, verdict, method, input, measured, allowed, scale,
// outcome, note, about. The kind is check, control or blind_spot (a box each), or
// quote (a number the text quotes).
//
// OUT.md holds one Doxygen snippet block per label, included in a chapter with
// \snippet{doc} verification.md LABEL (or LABEL1+LABEL2 for one box of several
// labels of one kind), a block see:LABEL (one line pointing to LABEL's box, for a page
// that discusses a formula shown elsewhere) for each the text asks for, and the blocks
// "all" and "quotes" with the verification-record page's tables.
// QUOTES.doxyfile holds one Doxygen alias per quoted number, ALIASES += quote_NAME=...,
// included by the Doxyfile, so that the text writes \quote_NAME in a sentence.
//
// A record whose verdict is not "pass" is an error: the book never shows a formula
// as verified, a control as rejected or a blind spot as unseen when this build's
// tests did not find it so. One name per equation, checked both ways against the
// text (the TEXT.md pages): every equation \label{NAME} and every box has a record
// NAME, every recorded NAME has its box in the text, every \eqref{NAME} names an
// equation of the text, every \quote_NAME a recorded number and every recorded number
// its \quote_NAME. Each violation is one line "error: ..." naming the label; any of
// them fails the book's build.

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace {

struct Record {
    std::string label, test, kind, verdict, method, input, measured, allowed, scale,
        outcome, note, about;
    std::string module; ///< the record file's name without .tsv: its chapter
};

constexpr std::size_t record_fields = 12;

std::vector<std::string> split(const std::string& text, char separator)
{
    std::vector<std::string> fields;
    std::string::size_type begin = 0;
    for (;;) {
        const std::string::size_type end = text.find(separator, begin);
        fields.push_back(text.substr(begin, end - begin));
        if (end == std::string::npos)
            return fields;
        begin = end + 1;
    }
}

bool ends_with(const std::string& text, const std::string& end)
{
    return text.size() >= end.size() &&
           text.compare(text.size() - end.size(), end.size(), end) == 0;
}

std::string base_name(const std::string& path)
{
    const std::string::size_type slash = path.find_last_of('/');
    std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    const std::string::size_type dot = name.find_last_of('.');
    return dot == std::string::npos ? name : name.substr(0, dot);
}

/// What a record of each kind must have been to count as "pass".
const std::map<std::string, std::string>& kind_meaning()
{
    static const std::map<std::string, std::string> meaning = {
        {"check", "did not pass"},
        {"control", "was not rejected for being wrong"},
        {"blind_spot", "was seen by the checker (the blind spot it demonstrates is not "
                       "there)"},
        {"quote", "was not recorded"}};
    return meaning;
}

Record parse_record(const std::string& path, int number, const std::string& line)
{
    const std::vector<std::string> f = split(line, '\t');
    const std::string where = path + ":" + std::to_string(number) + ": ";
    if (f.size() != record_fields)
        throw std::runtime_error(where + "expected " + std::to_string(record_fields) +
                                 " fields, found " + std::to_string(f.size()));
    Record r{f[0], f[1], f[2], f[3],  f[4],  f[5],           f[6],
             f[7], f[8], f[9], f[10], f[11], base_name(path)};
    const auto meaning = kind_meaning().find(r.kind);
    if (meaning == kind_meaning().end())
        throw std::runtime_error(where + r.label + ": unknown kind '" + r.kind + "'");
    if (r.verdict != "pass")
        throw std::runtime_error(where + r.label + " [" + r.method + "] " +
                                 meaning->second + " in " + r.test + ": " + r.measured +
                                 " (allowed " + r.allowed + ") " + r.note);
    if (r.kind != "check" && r.kind != "quote" && r.about.empty())
        throw std::runtime_error(where + r.label + ": a " + r.kind +
                                 " must say what is wrong with its formula");
    return r;
}

std::vector<Record> read_records(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        throw std::runtime_error("cannot read " + path + " (did the test module run?)");
    std::vector<Record> records;
    std::string line;
    for (int number = 1; std::getline(in, line); ++number)
        if (number > 1) // the header
            records.push_back(parse_record(path, number, line));
    if (records.empty())
        throw std::runtime_error(path + " holds no record");
    return records;
}

// ---------------------------------------------------------------------------
// HTML for Doxygen
// ---------------------------------------------------------------------------

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

/// "7.4e-12" as 7.4×10⁻¹² and "1e-06" as 10⁻⁶; anything else unchanged. False
/// when `word` is not a number with an exponent.
bool pretty_exponent(const std::string& word, std::string& out)
{
    const std::string::size_type e = word.find('e');
    if (e == std::string::npos || e == 0 || e + 1 >= word.size())
        return false;
    char* end = nullptr;
    std::strtod(word.c_str(), &end);
    if (end != word.c_str() + word.size())
        return false;
    std::string mantissa = word.substr(0, e);
    const long exponent = std::strtol(word.c_str() + e + 1, nullptr, 10);
    std::string sign;
    if (mantissa[0] == '-') {
        sign = "\u2212";
        mantissa.erase(0, 1);
    }
    out = sign + (mantissa == "1" ? "" : mantissa + "\u00d7") + "10<sup>" +
          (exponent < 0 ? "\u2212" : "") +
          std::to_string(exponent < 0 ? -exponent : exponent) + "</sup>";
    return true;
}

/// One word of a value: a number with an exponent raised (inside any brackets or
/// punctuation around it), a leading minus as a minus sign, else as it is.
std::string pretty_word(const std::string& word)
{
    const std::string::size_type begin = word.find_first_not_of("([");
    const std::string::size_type last = word.find_last_not_of(",;:)]");
    if (begin == std::string::npos || last == std::string::npos || last < begin)
        return escape_html(word);
    const std::string core = word.substr(begin, last + 1 - begin);
    std::string shown;
    if (!pretty_exponent(core, shown)) {
        if (core.size() > 1 && core[0] == '-' &&
            std::isdigit(static_cast<unsigned char>(core[1])) != 0)
            shown = "\u2212" + escape_html(core.substr(1));
        else
            shown = escape_html(core);
    }
    return escape_html(word.substr(0, begin)) + shown +
           escape_html(word.substr(last + 1));
}

/// A value or an input as a reader reads it: exponents raised, >= as ≥, a lone - as
/// a dash, a minus sign for a negative number.
std::string pretty(const std::string& text)
{
    std::string out;
    for (const std::string& word : split(text, ' ')) {
        if (!out.empty())
            out += ' ';
        if (word == "-")
            out += "\u2014";
        else if (word == ">=")
            out += "\u2265";
        else
            out += pretty_word(word);
    }
    return out;
}

std::string trim(const std::string& text)
{
    const std::string::size_type begin = text.find_first_not_of(' ');
    if (begin == std::string::npos)
        return {};
    return text.substr(begin, text.find_last_not_of(' ') + 1 - begin);
}

/// Parts from..to-1 of an input split at ';', joined again.
std::string join(const std::vector<std::string>& parts, std::string::size_type from,
                 std::string::size_type to)
{
    std::string text;
    for (std::string::size_type i = from; i < to; ++i)
        text += (i > from ? ";" : "") + parts[i];
    return trim(text);
}

/// Where a name stands in the text: the file, its line, and the Doxygen page.
struct Place {
    std::string file;
    int line = 0;
    std::string page; ///< the page's name: its HTML file is page + ".html"
};

/// Everything the report learns from the text pages.
struct Text {
    std::map<std::string, Place> equations;              ///< \label{NAME}
    std::map<std::string, Place> references;             ///< \eqref{NAME}
    std::map<std::string, Place> boxes;                  ///< each label shown in a box
    std::map<std::string, std::vector<Place>> box_pages; ///< every page showing it
    std::map<std::string, Place> blocks;         ///< each box as written: A or A+B
    std::map<std::string, Place> quotes;         ///< \quote_NAME outside formulas
    std::map<std::string, Place> quotes_in_math; ///< \quote_NAME inside one
    std::map<std::string, Place> sees; ///< see:NAME, a line pointing to NAME's box
    std::map<std::string, std::string> titles; ///< each page's title
};

/// The records of one label, in the order the tests wrote them.
using ByLabel = std::map<std::string, std::vector<Record>>;

const char* box_title(const std::string& kind)
{
    if (kind == "control")
        return "Negative control: rejected, as required";
    if (kind == "blind_spot")
        return "Blind spot, shown on purpose: a wrong formula passes";
    return "Verified by this build's tests";
}

const char* box_mark(const std::string& kind)
{
    if (kind == "control")
        return "\u2717";
    if (kind == "blind_spot")
        return "\u25d0";
    return "\u2713";
}

std::string css_kind(const std::string& kind)
{
    return kind == "blind_spot" ? "blind-spot" : kind;
}

bool is_oracle(const std::string& method)
{
    static const std::set<std::string> oracles = {
        "forward differences", "central differences", "complex step",
        "forward-mode autodiff", "Taylor remainder"};
    return oracles.count(method) > 0;
}

/// The result column: ✓ for a check that passed; what happened, for the others.
std::string outcome_cell(const Record& r)
{
    if (r.kind == "check")
        return "\u2713";
    if (r.kind == "blind_spot")
        return "passed";
    return r.outcome.empty() ? "rejected" : escape_html(r.outcome);
}

std::string link_to_record(const std::string& label)
{
    return "verification_record.html#rec-" + label;
}

/// A sentence for a box: its first letter capitalised, a full stop at its end.
std::string sentence(const std::string& text)
{
    std::string s = text;
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z')
        s[0] = static_cast<char>(s[0] - 'a' + 'A');
    if (!s.empty() && s.back() != '.')
        s += '.';
    return pretty(s);
}

/// One box, for the records of one or more labels of one kind.
class Box {
public:
    Box(const std::vector<std::string>& labels, const ByLabel& by_label)
        : labels_(labels)
    {
        for (const std::string& label : labels)
            for (const Record& r : by_label.at(label))
                rows_.push_back(&r);
        kind_ = rows_.front()->kind;
        common_notes_ = note_parts(rows_.front()->note);
        for (const Record* r : rows_) {
            const std::vector<std::string> parts = note_parts(r->note);
            common_notes_.erase(
                std::remove_if(common_notes_.begin(), common_notes_.end(),
                               [&](const std::string& part) {
                                   return std::find(parts.begin(), parts.end(), part) ==
                                          parts.end();
                               }),
                common_notes_.end());
            if (inputs_.insert(r->input).second)
                input_parts_.push_back(split(r->input, ';'));
            oracles_only_ = oracles_only_ && is_oracle(r->method);
            relative_ = relative_ || !r->scale.empty();
            along_ = along_ || r->note.find("direction") != std::string::npos;
        }
    }

    void write(std::ostream& out) const
    {
        out << "<div class=\"verdict-box verdict-" << css_kind(kind_)
            << "\" id=\"verdict-" << labels_.front() << "\">";
        // Every label of a grouped box has its anchor here, for the record's links.
        for (std::size_t i = 1; i < labels_.size(); ++i)
            out << "<a id=\"verdict-" << labels_[i] << "\"></a>";
        out << R"(<div class="verdict-head"><span class="verdict-mark">)"
            << box_mark(kind_) << "</span> " << box_title(kind_) << "</div>";
        if (!grouped())
            write_about(out, rows_);
        const std::string caption = common_input();
        if (!caption.empty())
            out << "<div class=\"verdict-input\">At " << pretty(caption) << "</div>";
        write_table(out);
        write_footer(out);
        out << "</div>";
    }

private:
    /// A box of several labels shows each label's rows under its own heading.
    bool grouped() const { return labels_.size() > 1; }

    /// What a control or a blind spot is about, each distinct sentence once.
    static void write_about(std::ostream& out, const std::vector<const Record*>& rows)
    {
        std::vector<std::string> seen;
        for (const Record* r : rows) {
            if (r->about.empty() ||
                std::find(seen.begin(), seen.end(), r->about) != seen.end())
                continue;
            seen.push_back(r->about);
            out << "<div class=\"verdict-about\">" << sentence(r->about) << "</div>";
        }
    }

    /// Whether each label of a grouped box was checked at one input, which its
    /// heading then states.
    bool input_per_group() const
    {
        if (!grouped())
            return false;
        std::map<std::string, std::set<std::string>> inputs;
        for (const Record* r : rows_)
            inputs[r->label].insert(r->input);
        return std::all_of(inputs.begin(), inputs.end(),
                           [](const auto& entry) { return entry.second.size() == 1; });
    }

    bool input_column() const { return inputs_.size() > 1 && !input_per_group(); }

    /// How many leading parts ("a; b; c") every row's input shares: all of them when
    /// there is one input.
    std::string::size_type shared_parts() const
    {
        std::string::size_type n = input_parts_.front().size();
        for (const std::vector<std::string>& parts : input_parts_) {
            std::string::size_type i = 0;
            while (i < n && i < parts.size() && parts[i] == input_parts_.front()[i])
                ++i;
            n = i;
        }
        return n;
    }

    /// What every row's input has in common, said once above the table.
    std::string common_input() const
    {
        return join(input_parts_.front(), 0, shared_parts());
    }

    /// What a row's input adds to the common part.
    std::string own_input(const std::string& input) const
    {
        const std::vector<std::string> parts = split(input, ';');
        return join(parts, shared_parts(), parts.size());
    }

    /// The parts of a note ("worst at u2; 3 random directions"), each trimmed.
    static std::vector<std::string> note_parts(const std::string& note)
    {
        std::vector<std::string> parts;
        for (const std::string& part : split(note, ';'))
            if (!trim(part).empty())
                parts.push_back(trim(part));
        return parts;
    }

    /// The parts of a row's note that not every row shares.
    std::string own_note(const Record& r) const
    {
        std::string own;
        for (const std::string& part : note_parts(r.note))
            if (std::find(common_notes_.begin(), common_notes_.end(), part) ==
                common_notes_.end())
                own += (own.empty() ? "" : "; ") + part;
        return own;
    }

    int columns() const { return input_column() ? 5 : 4; }

    /// What makes two rows one: everything a reader sees but the oracle.
    std::string row_key(const Record& r) const
    {
        return r.label + '\t' + own_input(r.input) + '\t' + r.measured + '\t' +
               r.allowed + '\t' + (r.scale.empty() ? "abs" : "rel") + '\t' + r.outcome +
               '\t' + own_note(r);
    }

    /// The rows as shown: oracles that found the same at the same input share a row.
    std::vector<std::pair<std::string, const Record*>> shown_rows() const
    {
        std::vector<std::pair<std::string, const Record*>> shown;
        std::vector<std::string> keys;
        for (const Record* r : rows_) {
            const std::string key = row_key(*r);
            const auto same = std::find(keys.begin(), keys.end(), key);
            if (same == keys.end()) {
                keys.push_back(key);
                shown.emplace_back(r->method, r);
            } else {
                shown[static_cast<std::size_t>(same - keys.begin())].first +=
                    ", " + r->method;
            }
        }
        for (auto& row : shown)
            if (row.first == "forward differences, central differences, complex step, "
                             "forward-mode autodiff")
                row.first = "all four oracles";
        return shown;
    }

    void write_row(std::ostream& out, const std::string& methods, const Record& r) const
    {
        const char* rel = r.scale.empty() ? "" : " <small>rel.</small>";
        out << "<tr><td>" << escape_html(methods);
        const std::string note = own_note(r);
        if (!note.empty())
            out << "<br><small>" << pretty(note) << "</small>";
        out << "</td>";
        if (input_column())
            out << "<td>" << pretty(own_input(r.input)) << "</td>";
        out << "<td>" << pretty(r.measured) << rel << "</td><td>" << pretty(r.allowed)
            << rel << "</td><td class=\"verdict-outcome\">" << outcome_cell(r)
            << "</td></tr>";
    }

    void write_table(std::ostream& out) const
    {
        out << "<table class=\"verdict-table\"><tr><th>"
            << (oracles_only_ ? "oracle" : "check") << "</th>";
        if (input_column())
            out << "<th>input</th>";
        out << "<th>worst error</th><th>allowed</th><th></th></tr>";
        std::string label;
        for (const auto& [methods, r] : shown_rows()) {
            if (grouped() && r->label != label) {
                label = r->label;
                out << R"(<tr><td class="verdict-group" colspan=")" << columns()
                    << "\">"
                    << (r->about.empty() ? "<code>" + escape_html(label) + "</code>"
                                         : sentence(r->about));
                if (input_per_group() && !own_input(r->input).empty())
                    out << " <span class=\"verdict-group-input\">At "
                        << pretty(own_input(r->input)) << "</span>";
                out << "</td></tr>";
            }
            write_row(out, methods, *r);
        }
        out << "</table>";
    }

    /// The largest scale of the relative rows, as text.
    std::string largest_scale() const
    {
        std::string largest;
        double value = 0.0;
        for (const Record* r : rows_) {
            const double scale = std::strtod(r->scale.c_str(), nullptr);
            if (!r->scale.empty() && scale >= value) {
                value = scale;
                largest = r->scale;
            }
        }
        return largest;
    }

    void write_footer(std::ostream& out) const
    {
        std::string common;
        for (const std::string& part : common_notes_)
            common += (common.empty() ? "" : "; ") + part;
        if (!common.empty())
            out << "<div class=\"verdict-note\">" << sentence(common) << "</div>";
        if (relative_)
            out << "<div class=\"verdict-note\"><small>rel.</small> relative to the "
                   "size "
                << (along_ ? "of the terms along the direction, Σ|u<sub>i</sub> "
                             "g<sub>i</sub>|"
                           : "of the derivative")
                << ", which the tolerance scales with (here up to "
                << pretty(largest_scale()) << ").</div>";
        std::vector<std::string> tests;
        for (const Record* r : rows_)
            if (std::find(tests.begin(), tests.end(), r->test) == tests.end())
                tests.push_back(r->test);
        out << "<details class=\"verdict-test\"><summary>"
            << (tests.size() == 1 ? "The test" : "The tests") << "</summary>";
        for (const std::string& test : tests)
            out << "<code>" << escape_html(test) << "</code><br>";
        out << "<a href=\"" << link_to_record(labels_.front())
            << "\">In the verification record</a></details>";
    }

    std::vector<std::string> labels_;
    std::vector<const Record*> rows_;
    std::string kind_;
    std::set<std::string> inputs_;
    std::vector<std::string> common_notes_; ///< the parts of every row's note
    std::vector<std::vector<std::string>> input_parts_; ///< each distinct input's parts
    bool oracles_only_ = true;
    bool relative_ = false;
    bool along_ = false; ///< a directional check: the scale is sum |u_i g_i|
};

void write_block(std::ostream& out, const std::string& name,
                 const std::vector<std::string>& labels, const ByLabel& by_label)
{
    out << "/// [" << name << "]\n";
    Box(labels, by_label).write(out);
    out << "\n/// [" << name << "]\n\n";
}

const char* kind_name(const std::string& kind)
{
    if (kind == "control")
        return "negative control, rejected";
    if (kind == "blind_spot")
        return "blind spot, unseen as shown";
    return "check, passed";
}

/// Where the record page links a label to: its equation, or else its box, on the
/// page of the label's own chapter if that page shows it.
std::string target_of(const std::string& label, const Record& first, const Text& text)
{
    const auto equation = text.equations.find(label);
    if (equation != text.equations.end())
        return equation->second.page + ".html#mjx-eqn-" + label;
    const std::vector<Place>& pages = text.box_pages.at(label);
    std::string page = pages.front().page;
    for (const Place& p : pages)
        if (p.page == first.module)
            page = p.page;
    return page + ".html#verdict-" + label;
}

/// The oracles of a label's rows, each once, in order.
std::string oracles_of(const std::vector<Record>& records)
{
    std::vector<std::string> methods;
    for (const Record& r : records)
        if (std::find(methods.begin(), methods.end(), r.method) == methods.end())
            methods.push_back(r.method);
    std::string text;
    for (const std::string& m : methods)
        text += (text.empty() ? "" : ", ") + m;
    return text;
}

/// The block see:LABEL: one line in the label's colour, what its box found, and a
/// link to that box, for a page that discusses a formula shown elsewhere.
void write_see(std::ostream& out, const std::string& label,
               const std::vector<Record>& records, const Text& text)
{
    const Record& first = records.front();
    const std::string target = target_of(label, first, text);
    const std::string page = target.substr(0, target.find(".html"));
    out << "/// [see:" << label << "]\n<div class=\"verdict-see verdict-"
        << css_kind(first.kind) << R"("><span class="verdict-mark">)"
        << box_mark(first.kind) << "</span> " << box_title(first.kind) << ": ";
    if (first.kind == "check")
        out << escape_html(oracles_of(records)) << ", " << records.size()
            << (records.size() == 1 ? " check." : " checks.");
    else
        out << sentence(first.about);
    const auto title = text.titles.find(page);
    out << " <a href=\"" << target << "\">The box in "
        << escape_html(title == text.titles.end() ? page : title->second)
        << "</a>.</div>\n/// [see:" << label << "]\n\n";
}

/// The first cell of a label's rows: the label, linked to its formula, its kind and
/// the tests that recorded it.
void write_label_cell(std::ostream& out, const std::string& label,
                      const std::vector<Record>& records, const Text& text)
{
    out << "<td rowspan=\"" << records.size() << "\"><a href=\""
        << target_of(label, records.front(), text) << "\"><code>" << escape_html(label)
        << "</code></a><br>" << kind_name(records.front().kind);
    std::vector<std::string> tests;
    for (const Record& r : records)
        if (std::find(tests.begin(), tests.end(), r.test) == tests.end())
            tests.push_back(r.test);
    for (const std::string& test : tests)
        out << "<br><small><code>" << escape_html(test) << "</code></small>";
    out << "</td>";
}

void write_record_table(std::ostream& out, const std::vector<std::string>& order,
                        const ByLabel& by_label, const Text& text)
{
    out << "<table class=\"verdict-record\"><tr><th>Formula or claim, kind, test</th>"
           "<th>Check</th><th>Input</th><th>Worst error</th><th>Allowed</th></tr>\n";
    for (const std::string& label : order) {
        const std::vector<Record>& records = by_label.at(label);
        for (const Record& r : records) {
            const bool first = &r == &records.front();
            out << "<tr" << (first ? " id=\"rec-" + label + "\"" : std::string())
                << ">";
            if (first)
                write_label_cell(out, label, records, text);
            out << "<td>" << escape_html(r.method);
            if (!r.note.empty())
                out << "<br><small>" << pretty(r.note) << "</small>";
            const char* rel = r.scale.empty() ? "" : " rel.";
            out << "</td><td>" << pretty(r.input) << "</td><td>" << pretty(r.measured)
                << rel << "</td><td>" << pretty(r.allowed) << rel << "</td></tr>\n";
        }
    }
    out << "</table>\n";
}

void write_quote_table(std::ostream& out, const std::map<std::string, Record>& quotes)
{
    out << "<table class=\"verdict-record\"><tr><th>Number</th><th>Value</th>"
           "<th>Test</th></tr>\n";
    for (const auto& [name, r] : quotes)
        out << "<tr><td><code>&#92;quote_" << escape_html(name) << "</code></td><td>"
            << escape_html(r.measured) << "</td><td><code>" << escape_html(r.test)
            << "</code></td></tr>\n";
    out << "</table>\n";
}

// ---------------------------------------------------------------------------
// Reading the text
// ---------------------------------------------------------------------------

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

bool is_name_char(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

/// The page a text file is: the {#name} of its first heading ("index" for the
/// front page), else the file's own name.
std::pair<std::string, std::string> page_of(const std::string& path)
{
    std::string page = base_name(path) == "mainpage" ? "index" : base_name(path);
    std::string title = page;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("# ", 0) != 0)
            continue;
        const std::string::size_type open = line.find("{#");
        const std::string::size_type close = line.find('}', open);
        title = trim(line.substr(2, open == std::string::npos ? open : open - 2));
        if (open != std::string::npos && close != std::string::npos && page != "index")
            page = line.substr(open + 2, close - open - 2);
        break;
    }
    return {page, title};
}

/// Where a page's lines stand: in a formula block (\f[ or \f{ open across lines),
/// in a \verbatim or \code block (where Doxygen expands no alias).
struct Scan {
    bool in_formula = false;
    bool in_verbatim = false;
};

/// True when `line` opens or closes a verbatim block; updates `scan`.
bool verbatim_edge(const std::string& line, Scan& scan)
{
    const std::string::size_type first = line.find_first_not_of(" \t");
    const std::string::size_type end = line.find_first_of(" \t{", first);
    const std::string word =
        first == std::string::npos ? "" : line.substr(first, end - first);
    if (word == "\\verbatim" || word == "\\code")
        scan.in_verbatim = true;
    else if (word == "\\endverbatim" || word == "\\endcode")
        scan.in_verbatim = false;
    else
        return scan.in_verbatim;
    return true;
}

/// Finds each \quote_NAME of a line, noting whether it stands inside a formula
/// (\f$...\f$ on the line, or a \f[ or \f{ block open across lines).
void read_quotes(const std::string& line, const Place& here, Scan& scan, Text& text)
{
    if (verbatim_edge(line, scan))
        return;
    bool& in_block = scan.in_formula;
    bool in_inline = false;
    for (std::size_t i = 0; i + 1 < line.size(); ++i) {
        if (line[i] != '\\')
            continue;
        const std::string mark = line.substr(i, 3);
        if (mark == "\\f$")
            in_inline = !in_inline;
        else if (mark == "\\f[" || mark == "\\f{")
            in_block = true;
        else if (mark == "\\f]" || mark == "\\f}")
            in_block = false;
        const std::string prefix = "\\quote_";
        if (line.compare(i, prefix.size(), prefix) != 0)
            continue;
        std::size_t end = i + prefix.size();
        while (end < line.size() && is_name_char(line[end]))
            ++end;
        const std::string name =
            line.substr(i + prefix.size(), end - i - prefix.size());
        if (name.empty())
            continue; // the prefix alone, as the text explains it
        (in_inline || in_block ? text.quotes_in_math : text.quotes).emplace(name, here);
    }
}

/// The equation labels, the verdict boxes, the equation references and the quoted
/// numbers of one page.
void read_text(const std::string& path, Text& text)
{
    std::ifstream in(path);
    if (!in)
        throw std::runtime_error("cannot read " + path);
    const auto [page, title] = page_of(path);
    text.titles[page] = title;
    std::string line;
    Scan scan;
    for (int number = 1; std::getline(in, line); ++number) {
        const Place here{path, number, page};
        for (const std::string& name : names_after(line, "\\label{"))
            text.equations.emplace(name, here);
        for (const std::string& name : names_after(line, "\\eqref{"))
            text.references.emplace(name, here);
        for (const std::string& block : names_after(line, "verification.md")) {
            if (block == "all" || block == "quotes")
                continue;
            if (block.rfind("see:", 0) == 0) {
                text.sees.emplace(block.substr(4), here);
                continue;
            }
            text.blocks.emplace(block, here);
            for (const std::string& label : split(block, '+')) {
                text.boxes.emplace(label, here);
                text.box_pages[label].push_back(here);
            }
        }
        read_quotes(line, here, scan, text);
    }
}

// ---------------------------------------------------------------------------
// The checks both ways
// ---------------------------------------------------------------------------

std::string at(const Place& p)
{
    return p.file + ":" + std::to_string(p.line) + ": ";
}

int check_references(const Text& text)
{
    int errors = 0;
    for (const auto& [label, place] : text.references) {
        if (text.equations.count(label) == 0) {
            std::cerr << "error: " << at(place) << "\\eqref{" << label
                      << "} names no equation of the text\n";
            ++errors;
        }
    }
    return errors;
}

int check_labels(const Text& text, const ByLabel& by_label)
{
    int errors = 0;
    for (const auto& [label, place] : text.equations) {
        if (by_label.count(label) == 0) {
            std::cerr << "error: " << at(place) << "equation " << label
                      << " has no record: no test verified it\n";
            ++errors;
        }
    }
    for (const auto& [label, place] : text.boxes) {
        if (by_label.count(label) == 0) {
            std::cerr << "error: " << at(place) << "the box " << label
                      << " has no record: no test verified it\n";
            ++errors;
        }
    }
    for (const auto& [label, records] : by_label) {
        if (text.boxes.count(label) == 0) {
            std::cerr
                << "error: the record " << label << " (" << records.front().test
                << ") is not in the text: show it with \\snippet{doc} verification.md "
                << label << "\n";
            ++errors;
        }
    }
    return errors;
}

/// A line see:NAME points to the box of a label the text shows.
int check_sees(const Text& text, const ByLabel& by_label)
{
    int errors = 0;
    for (const auto& [label, place] : text.sees) {
        if (by_label.count(label) == 0 || text.boxes.count(label) == 0) {
            std::cerr << "error: " << at(place) << "see:" << label
                      << " points to no box: show " << label
                      << " with \\snippet{doc} verification.md " << label
                      << " where its formula is\n";
            ++errors;
        }
    }
    return errors;
}

/// A box of several labels shows one kind: its colour says which.
int check_blocks(const Text& text, const ByLabel& by_label)
{
    int errors = 0;
    for (const auto& [block, place] : text.blocks) {
        std::set<std::string> kinds;
        for (const std::string& label : split(block, '+'))
            if (by_label.count(label) > 0)
                kinds.insert(by_label.at(label).front().kind);
        if (kinds.size() > 1) {
            std::cerr << "error: " << at(place) << "the box " << block
                      << " mixes kinds of record (a check, a control or a blind spot): "
                         "show each kind in its own box\n";
            ++errors;
        }
    }
    return errors;
}

int check_quotes(const Text& text, const std::map<std::string, Record>& quotes)
{
    int errors = 0;
    for (const auto& [name, place] : text.quotes_in_math) {
        std::cerr << "error: " << at(place) << "\\quote_" << name
                  << " stands inside a formula, where Doxygen does not expand it: "
                     "close the formula before it\n";
        ++errors;
    }
    for (const auto& [name, place] : text.quotes) {
        if (quotes.count(name) == 0) {
            std::cerr << "error: " << at(place) << "\\quote_" << name
                      << " quotes a number no test recorded: record it with "
                         "verification::quote(\""
                      << name << "\", value, format)\n";
            ++errors;
        }
    }
    for (const auto& [name, r] : quotes) {
        if (text.quotes.count(name) == 0 && text.quotes_in_math.count(name) == 0) {
            std::cerr << "error: the quoted number " << name << " (" << r.test
                      << ") is not in the text: write \\quote_" << name
                      << " where the text quotes it\n";
            ++errors;
        }
    }
    return errors;
}

/// The records of all modules: by label in the order the tests ran, and the quotes.
struct Records {
    std::vector<std::string> order;
    ByLabel by_label;
    std::map<std::string, Record> quotes;
    std::map<std::string, std::string> module_of; ///< label -> its record file
};

void add_quote(Records& all, Record r, const std::string& path)
{
    const auto [owner, fresh] = all.quotes.emplace(r.label, r);
    if (!fresh && owner->second.measured != r.measured)
        throw std::runtime_error("the quoted number " + r.label +
                                 " is recorded twice with different values, " +
                                 owner->second.measured + " (" + owner->second.test +
                                 ") and " + r.measured + " (" + r.test + ") in " +
                                 path);
}

void add_records(Records& all, const std::string& path)
{
    for (Record& r : read_records(path)) {
        const auto [owner, fresh] = all.module_of.emplace(r.label, path);
        if (!fresh && owner->second != path)
            throw std::runtime_error("label " + r.label +
                                     " is recorded by two test modules, " +
                                     owner->second + " and " + path);
        if (r.kind == "quote") {
            add_quote(all, std::move(r), path);
            continue;
        }
        auto& group = all.by_label[r.label];
        if (group.empty())
            all.order.push_back(r.label);
        else if (group.front().kind != r.kind)
            throw std::runtime_error("label " + r.label + " is used both by a " +
                                     group.front().kind + " and by a " + r.kind);
        group.push_back(std::move(r));
    }
}

void write_quotes(const std::string& path, const std::map<std::string, Record>& quotes)
{
    std::ofstream out(path);
    out << "# Numbers the text quotes as \\quote_NAME, each recorded by a test in this "
           "build\n# (tests/support/verification.hpp, verification::quote).\n";
    for (const auto& [name, r] : quotes)
        out << "ALIASES += \"quote_" << name << "=" << r.measured << "\"\n";
    out.close();
    if (!out)
        throw std::runtime_error("cannot write " + path);
}

void write_book(const std::string& path, const Records& all, const Text& text)
{
    std::ofstream out(path);
    for (const std::string& label : all.order)
        write_block(out, label, {label}, all.by_label);
    for (const auto& [block, place] : text.blocks)
        if (block.find('+') != std::string::npos)
            write_block(out, block, split(block, '+'), all.by_label);
    for (const auto& [label, place] : text.sees)
        write_see(out, label, all.by_label.at(label), text);
    out << "/// [all]\n";
    write_record_table(out, all.order, all.by_label, text);
    out << "/// [all]\n\n/// [quotes]\n";
    write_quote_table(out, all.quotes);
    out << "/// [quotes]\n";
    out.close();
    if (!out)
        throw std::runtime_error("cannot write " + path);
}

int run(int argc, char** argv)
{
    if (argc < 4) {
        std::cerr << "usage: verification_report OUT.md QUOTES.doxyfile TEXT.md... "
                     "RECORD.tsv...\n";
        return 2;
    }
    Records all;
    Text text;
    for (int i = 3; i < argc; ++i) {
        const std::string path = argv[i];
        if (ends_with(path, ".md"))
            read_text(path, text);
        else
            add_records(all, path);
    }
    const int errors = check_references(text) + check_labels(text, all.by_label) +
                       check_blocks(text, all.by_label) +
                       check_sees(text, all.by_label) + check_quotes(text, all.quotes);
    if (errors > 0)
        return 1;
    write_book(argv[1], all, text);
    write_quotes(argv[2], all.quotes);
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
