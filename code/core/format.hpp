// Numbers as the book's reports print them.
#pragma once

#include <cstdio>
#include <string>

namespace core {

/// Formats a number compactly with three significant digits (for reports).
inline std::string format_number(double value)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3g", value);
    return buffer;
}

} // namespace core
