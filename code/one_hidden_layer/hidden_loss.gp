# The first figure of the chapter "One hidden layer": the mean loss of the training
# set against the step of gradient descent.
#   gnuplot -e "datadir='DIR'; outfile='OUT.svg'" hidden_loss.gp
# DIR/spirals.dat is written by `one_hidden_layer --plot-data DIR/spirals.dat` (the
# book's run, tests/programs/one_hidden_layer.cases); its block `index 0` has the
# columns
#   step loss

if (!exists("datadir") || !exists("outfile")) {
    print "usage: gnuplot -e \"datadir='DIR'; outfile='OUT.svg'\" hidden_loss.gp"
    exit status 2
}

set terminal svg size 760,460 dynamic font "sans,13" background rgb "white"
set output outfile
data = datadir."/spirals.dat"

set logscale y
set format y "%g"
set grid xtics ytics mytics lc rgb "#dddddd" lw 1
set border 3
set tics nomirror
set xlabel "step of gradient descent"
set ylabel "mean cross-entropy J"
set key off

plot data index 0 using 1:2 with lines lw 2 lc rgb "#1f77b4"
