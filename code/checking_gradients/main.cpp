// The chapter "Checking gradients" as a program: how far each numerical oracle's
// derivative of f(x) = e^x / sqrt(sin(x)^3 + cos(x)^3) is from the truth, step by
// step, and (with --plot-data) the same numbers as columns for the book's figure.
#include "checking_gradients/checking_gradients.hpp"
#include "checking_gradients/options.hpp"
#include "common/output.hpp"
#include "common/program.hpp"

#include <cmath>
#include <cstdio>
#include <iostream>
#include <limits>
#include <ostream>
#include <string>
#include <vector>

namespace {

using namespace checking_gradients;

/// A log plot cannot show an error of exactly zero; such points are drawn here.
constexpr double plot_floor = 1e-18;

/// Steps h = 10^-1, 10^-1.5, ..., 10^-decades.
std::vector<StepErrors> measure(double x, int decades)
{
    std::vector<StepErrors> rows;
    for (int k = 2; k <= 2 * decades; ++k)
        rows.push_back(step_errors(x, std::pow(10.0, -0.5 * k)));
    return rows;
}

/// An error for the table: "-" where there is none (the step vanished in x + h, or
/// x + h left the domain of f).
std::string cell(double error)
{
    if (std::isnan(error))
        return "        -";
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%9.1e", error);
    return buffer;
}

/// The error for the plot: NaN (a gap) where there is none, the floor where exactly
/// zero.
double plotted(double error)
{
    return std::isnan(error) ? error : std::max(error, plot_floor);
}

void print_table(const std::vector<StepErrors>& rows)
{
    std::cout << "relative error of f'(x) against the step h along x\n"
              << "        h    forward    central  complex step\n";
    for (const StepErrors& r : rows)
        std::printf("%9.1e  %s  %s  %s\n", r.h, cell(r.forward).c_str(),
                    cell(r.central).c_str(), cell(r.complex_step).c_str());
    std::cout << "(-: none; the step was lost in rounding x + h, or x + h is outside "
                 "the domain)\n\n";
}

/// The row with the smallest error in the given column.
template <class Column>
StepErrors best(const std::vector<StepErrors>& rows, Column column)
{
    StepErrors winner = rows.front();
    for (const StepErrors& r : rows)
        if (column(r) < column(winner) || std::isnan(column(winner)))
            winner = r;
    return winner;
}

void print_summary(double x, const std::vector<StepErrors>& rows)
{
    const ErrorModel model = error_model(x);
    const StepErrors fd = best(rows, [](const StepErrors& r) { return r.forward; });
    const StepErrors cd = best(rows, [](const StepErrors& r) { return r.central; });
    const double hf = model.forward_optimal_step();
    const double hc = model.central_optimal_step();
    std::printf("f(x) = %.17g, f'(x) = %.17g at x = %g\n", squire_trapp(x),
                squire_trapp_derivative(x), x);
    std::printf("|f''(x)| = %.3g, |f'''(x)| = %.3g\n\n", model.d2, model.d3);
    std::printf("                      measured best          model optimum\n");
    std::printf("forward differences   h = %7.1e: %7.1e   h = %7.1e: %7.1e\n", fd.h,
                fd.forward, hf, model.forward(hf));
    std::printf("central differences   h = %7.1e: %7.1e   h = %7.1e: %7.1e\n\n", cd.h,
                cd.central, hc, model.central(hc));
    std::printf("complex step          h = 1e-20: %7.1e,  h = 1e-200: %7.1e\n",
                step_errors(x, 1e-20).complex_step,
                step_errors(x, 1e-200).complex_step);
    std::printf("forward-mode autodiff (no step): %7.1e\n", autodiff_error(x));
    std::printf("(machine epsilon %.3g; errors are relative to f' in long double)\n\n",
                gradcheck::machine_epsilon);
    std::printf("the checker's default relative steps: forward %.3g, central %.3g, "
                "complex %.3g\n",
                gradcheck::default_step(gradcheck::Oracle::forward_difference),
                gradcheck::default_step(gradcheck::Oracle::central_difference),
                gradcheck::default_step(gradcheck::Oracle::complex_step));
}

void write_plot_data(book::OutputFile& plot, double x,
                     const std::vector<StepErrors>& rows)
{
    std::ostream& out = plot.stream();
    const ErrorModel model = error_model(x);
    out << "# relative error of f'(" << x
        << ") for f(x) = e^x / sqrt(sin(x)^3 + cos(x)^3)\n"
        << "# errors of exactly 0 are written as " << plot_floor
        << "; nan: the step vanished\n"
        << "# h forward central complex_step autodiff model_forward model_central\n";
    out.precision(6);
    const double ad = plotted(autodiff_error(x));
    for (const StepErrors& r : rows)
        out << r.h << ' ' << plotted(r.forward) << ' ' << plotted(r.central) << ' '
            << plotted(r.complex_step) << ' ' << ad << ' ' << model.forward(r.h) << ' '
            << model.central(r.h) << '\n';
    plot.finish();
}

} // namespace

int main(int argc, char** argv)
{
    namespace program = checking_gradients::program;
    book::CommandLine command_line{program::description};
    program::Options options;
    program::add_options(command_line, options);
    return book::run_program(command_line, argc, argv, [&] {
        program::validate(options);
        book::OutputFile plot("--plot-data", options.plot_data);
        const std::vector<StepErrors> rows = measure(options.x, options.decades);
        if (plot.wanted())
            write_plot_data(plot, options.x, rows);
        print_table(rows);
        print_summary(options.x, rows);
    });
}
