# The figure of the chapter "A deep sigmoid network on row vectors": the Frobenius
# norm of each layer's weight gradient for the sigmoid, tanh and ReLU.
#   gnuplot -e "datadir='DIR'; outfile='OUT.svg'" depth_gradients.gp
# DIR/depth.dat is written by `deep_network --plot-data DIR/depth.dat` (the book's
# run, tests/programs/deep_network.cases); its columns are
#   l sigmoid tanh relu

if (!exists("datadir") || !exists("outfile")) {
    print "usage: gnuplot -e \"datadir='DIR'; outfile='OUT.svg'\" depth_gradients.gp"
    exit status 2
}

set terminal svg size 760,460 dynamic font "sans,13" background rgb "white"
set output outfile
data = datadir."/depth.dat"

set logscale y
set format y "10^{%T}"
set grid xtics ytics mytics lc rgb "#dddddd" lw 1
set border 3
set tics nomirror
set xtics 1
set xlabel "layer l (1 = the first, next to the input)"
set ylabel "||∂E/∂W_l|| (Frobenius)"
set key top left

plot data using 1:2 with linespoints lw 2 pt 7 lc rgb "#1f77b4" title "sigmoid (Glorot)", \
     data using 1:3 with linespoints lw 2 pt 5 lc rgb "#d62728" title "tanh (Glorot)", \
     data using 1:4 with linespoints lw 2 pt 9 lc rgb "#2ca02c" title "ReLU (He)"
