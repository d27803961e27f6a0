# The figure of the chapter "Backpropagation": operations of one full gradient of the
# network's cost against its number of parameters n, for each method.
#   gnuplot -e "datadir='DIR'; outfile='OUT.svg'" gradient_cost.gp
# DIR/costs.dat is written by `backpropagation --plot-data DIR/costs.dat` (the book's
# run, tests/programs/backpropagation.cases); its columns are
#   n reverse forward_difference central_difference forward_mode
# each an operation count on the engine's graph (main.cpp says how they are counted).

if (!exists("datadir") || !exists("outfile")) {
    print "usage: gnuplot -e \"datadir='DIR'; outfile='OUT.svg'\" gradient_cost.gp"
    exit status 2
}

set terminal svg size 760,560 dynamic font "sans,13" background rgb "white"
set output outfile
costs = datadir."/costs.dat"

set logscale xy
set format x "10^{%L}"
set format y "10^{%L}"
set xrange [5:1e4]
set yrange [10:1e9]
set mxtics 10
set mytics 10
set grid xtics ytics lc rgb "#dddddd" lw 1
set border 3
set tics nomirror
set xlabel "parameters n"
set ylabel "operations of one full gradient"
set key outside below center horizontal maxrows 2 width 2 samplen 3 spacing 1.1 Left reverse

plot costs using 1:4 with linespoints pt 5 ps 0.7 lw 2 lc rgb "#d62728" title "central differences (2n passes)", \
     costs using 1:3 with linespoints pt 7 ps 0.7 lw 2 lc rgb "#1f77b4" title "forward differences (n + 1 passes)", \
     costs using 1:5 with linespoints pt 9 ps 0.8 lw 2 lc rgb "#7f7f7f" title "forward-mode autodiff (n passes)", \
     costs using 1:2 with linespoints pt 13 ps 0.8 lw 2 lc rgb "#2ca02c" title "backpropagation (1 forward + 1 backward)"
