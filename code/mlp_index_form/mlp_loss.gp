# The first figure of the chapter "The multilayer perceptron in index form": the mean
# loss of the training points against the epoch of stochastic training.
#   gnuplot -e "datadir='DIR'; outfile='OUT.svg'" mlp_loss.gp
# DIR/mlp.dat is written by `mlp_index_form --plot-data DIR/mlp.dat` (the book's run,
# tests/programs/mlp_index_form.cases); its block `index 0` has the columns
#   epoch mean_loss

if (!exists("datadir") || !exists("outfile")) {
    print "usage: gnuplot -e \"datadir='DIR'; outfile='OUT.svg'\" mlp_loss.gp"
    exit status 2
}

set terminal svg size 760,460 dynamic font "sans,13" background rgb "white"
set output outfile
data = datadir."/mlp.dat"

set logscale y
set format y "%g"
set grid xtics ytics mytics lc rgb "#dddddd" lw 1
set border 3
set tics nomirror
set xlabel "epoch (one update per training point)"
set ylabel "mean of L over the training points"
set key off

plot data index 0 using 1:2 with lines lw 2 lc rgb "#1f77b4"
