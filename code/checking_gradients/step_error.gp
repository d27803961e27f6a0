# The figure of the chapter "Checking gradients": relative error of each numerical
# derivative of f(x) = e^x / sqrt(sin(x)^3 + cos(x)^3) against the step h.
#   gnuplot -e "datadir='DIR'; outfile='OUT.svg'" step_error.gp
# DIR/steps.dat is written by `checking_gradients --plot-data DIR/steps.dat` (the
# book's run, tests/programs/checking_gradients.cases); its columns are
#   h forward central complex_step autodiff model_forward model_central
# with errors of exactly 0 raised to a floor of 1e-18 and "nan" where the step
# vanished in rounding x + h (gnuplot leaves those points out).

if (!exists("datadir") || !exists("outfile")) {
    print "usage: gnuplot -e \"datadir='DIR'; outfile='OUT.svg'\" step_error.gp"
    exit status 2
}

set terminal svg size 760,600 dynamic font "sans,13" background rgb "white"
set output outfile
steps = datadir."/steps.dat"

set logscale xy
set format x "10^{%L}"
set format y "10^{%L}"
set xrange [1e-20:1e-1]
set yrange [1e-18:10]
set xtics 1e-20, 100, 1e-1
set ytics 1e-18, 100, 10
set mxtics 2
set mytics 2
set grid xtics ytics lc rgb "#dddddd" lw 1
set border 3
set tics nomirror
set xlabel "step h"
set ylabel "relative error of f'(x)"
set key outside below center horizontal maxrows 3 width 2 samplen 3 spacing 1.1 Left reverse
set datafile missing "nan"

plot steps using 1:6 with lines dt 2 lw 1.5 lc rgb "#1f77b4" title "forward, error model", \
     steps using 1:7 with lines dt 2 lw 1.5 lc rgb "#d62728" title "central, error model", \
     steps using 1:2 with linespoints pt 7 ps 0.6 lw 2 lc rgb "#1f77b4" title "forward differences", \
     steps using 1:3 with linespoints pt 5 ps 0.6 lw 2 lc rgb "#d62728" title "central differences", \
     steps using 1:4 with linespoints pt 9 ps 0.7 lw 2 lc rgb "#2ca02c" title "complex step", \
     steps using 1:5 with lines dt 4 lw 2 lc rgb "#7f7f7f" title "forward-mode autodiff (no step)"
