// The geometry of a window that slides along one axis, shared by convolution and
// pooling (chapter "Convolution", its section on sizes): an input of n entries,
// zero-padded by p on each side, read by a window of k taps spaced d entries apart
// (the dilation), moved s entries at a time (the stride).
#pragma once

#include <Eigen/Core>

#include <sstream>
#include <stdexcept>
#include <string>

namespace core {

struct Window {
    Eigen::Index size = 1;     ///< n, the input's entries along the axis
    Eigen::Index kernel = 1;   ///< k, the window's taps
    Eigen::Index stride = 1;   ///< s, entries from one window's start to the next
    Eigen::Index padding = 0;  ///< p, zeros added on each side
    Eigen::Index dilation = 1; ///< d, entries from one tap to the next

    /// The entries the dilated window spans, d(k - 1) + 1.
    // [cv_span]
    Eigen::Index span() const { return dilation * (kernel - 1) + 1; }
    // [cv_span]

    /// The input entry under tap j of window i, i s + j d - p; outside 0..n-1 it is
    /// a padding zero.
    // [cv_window]
    Eigen::Index input_index(Eigen::Index i, Eigen::Index j) const
    {
        return i * stride + j * dilation - padding;
    }
    // [cv_window]
};

namespace detail {
/// Why a window geometry is impossible, as one line naming `who` and the values. Called
/// only when output_size() throws, so that a valid geometry costs no message.
inline std::string window_problem(const char* who, const Window& w)
{
    std::ostringstream message;
    message << who << ": ";
    if (w.size < 1 || w.kernel < 1 || w.stride < 1 || w.dilation < 1)
        message << "input size " << w.size << ", kernel " << w.kernel << ", stride "
                << w.stride << ", dilation " << w.dilation
                << "; expected each to be at least 1";
    else if (w.padding < 0)
        message << "padding " << w.padding << " is negative; expected 0 or more";
    else
        message << "the window spans " << w.span() << " entries (kernel " << w.kernel
                << ", dilation " << w.dilation << ") but the padded input has "
                << w.size + 2 * w.padding << " (size " << w.size << ", padding "
                << w.padding << " each side); expected a window that fits";
    return message.str();
}
} // namespace detail

/// The number of windows, floor((n + 2p - d(k - 1) - 1) / s) + 1. Throws
/// std::invalid_argument, naming `who` and the values, when n, k, s or d is below 1,
/// p is negative, or the dilated window is wider than the padded input (no window
/// fits: the formula's value would be 0 or less).
// [cv_output_size]
inline Eigen::Index output_size(const char* who, const Window& w)
{
    const bool positive =
        w.size >= 1 && w.kernel >= 1 && w.stride >= 1 && w.dilation >= 1;
    const Eigen::Index room = w.size + 2 * w.padding - w.span();
    if (!positive || w.padding < 0 || room < 0)
        throw std::invalid_argument(detail::window_problem(who, w));
    return room / w.stride + 1;
}
// [cv_output_size]

} // namespace core
