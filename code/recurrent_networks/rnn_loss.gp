# The first figure of the chapter "Recurrent networks": the mean loss per step of
# each training batch, for full backpropagation through time and for the backward
# pass truncated after d steps, against the step of gradient descent.
#   gnuplot -e "datadir='DIR'; outfile='OUT.svg'" rnn_loss.gp
# DIR/echo.dat is written by `recurrent_networks --plot-data DIR/echo.dat` (the
# book's run, tests/programs/recurrent_networks.cases); its block `index 0` has the
# columns
#   step loss_full_bptt loss_truncated

if (!exists("datadir") || !exists("outfile")) {
    print "usage: gnuplot -e \"datadir='DIR'; outfile='OUT.svg'\" rnn_loss.gp"
    exit status 2
}

set terminal svg size 760,460 dynamic font "sans,13" background rgb "white"
set output outfile
data = datadir."/echo.dat"

set logscale y
set format y "%g"
set grid xtics ytics mytics lc rgb "#dddddd" lw 1
set border 3
set tics nomirror
set xlabel "step of gradient descent"
set ylabel "mean cross-entropy per time step"
set key top right

plot data index 0 using 1:2 with lines lw 2 lc rgb "#1f77b4" title "full BPTT", \
     data index 0 using 1:3 with lines lw 2 lc rgb "#d62728" dt 2 title "truncated after d steps"
