# The second figure of the chapter "The multilayer perceptron in index form": the
# first target t_1 and the trained network's first output z_1 over the square
# [-1, 1]^2, side by side.
#   gnuplot -e "datadir='DIR'; outfile='OUT.svg'" mlp_surface.gp
# DIR/mlp.dat is written by `mlp_index_form --plot-data DIR/mlp.dat` (the book's run,
# tests/programs/mlp_index_form.cases); its block `index 1` is a grid of rows
#   x1 x2 t_1 z_1

if (!exists("datadir") || !exists("outfile")) {
    print "usage: gnuplot -e \"datadir='DIR'; outfile='OUT.svg'\" mlp_surface.gp"
    exit status 2
}

set terminal svg size 860,440 dynamic font "sans,13" background rgb "white"
set output outfile
data = datadir."/mlp.dat"

set size ratio -1
set xrange [-1:1]
set yrange [-1:1]
set cbrange [0.25:0.75]
set palette defined (0 "#2c7bb6", 0.5 "#ffffbf", 1 "#d7191c")
set xlabel "x_1"
set ylabel "x_2"
set tics nomirror out
set xtics 0.5
set ytics 0.5

set multiplot layout 1,2
set title "target t_1"
unset colorbox
plot data index 1 using 1:2:3 with image notitle
set title "output z_1 after training"
set colorbox
plot data index 1 using 1:2:4 with image notitle
unset multiplot
