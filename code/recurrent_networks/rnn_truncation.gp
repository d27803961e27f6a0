# The third figure of the chapter "Recurrent networks": how far the backward pass
# truncated after k steps is from the gradient, ||g_k - g|| / ||g||, against k.
#   gnuplot -e "datadir='DIR'; outfile='OUT.svg'" rnn_truncation.gp
# DIR/echo.dat is written by `recurrent_networks --plot-data DIR/echo.dat`; its block
# `index 2` has the columns
#   k relative_gap

if (!exists("datadir") || !exists("outfile")) {
    print "usage: gnuplot -e \"datadir='DIR'; outfile='OUT.svg'\" rnn_truncation.gp"
    exit status 2
}

set terminal svg size 760,460 dynamic font "sans,13" background rgb "white"
set output outfile
data = datadir."/echo.dat"

set logscale y
set format y "10^{%L}"
set grid xtics ytics lc rgb "#dddddd" lw 1
set border 3
set tics nomirror
set xlabel "k, the steps the backward pass goes back"
set ylabel "‖g_k − g‖ / ‖g‖"
set key off

plot data index 2 using 1:($2 > 0 ? $2 : 1/0) with linespoints lw 2 pt 7 ps 0.7 lc rgb "#1f77b4"
