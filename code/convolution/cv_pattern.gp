# The first figure of the chapter "Convolution": the dense matrix W of a convolution
# of a 5 x 6 image with a 3 x 3 kernel (stride 1, no padding), one row per output and
# one column per input pixel; white where W is zero, one colour per kernel weight.
#   gnuplot -e "datadir='DIR'; outfile='OUT.svg'" cv_pattern.gp
# DIR/conv.dat is written by `convolution --plot-data DIR/conv.dat`; its block
# `index 0` is the matrix of ties: the kernel weight's index 0 ... 8, -1 for a zero.

if (!exists("datadir") || !exists("outfile")) {
    print "usage: gnuplot -e \"datadir='DIR'; outfile='OUT.svg'\" cv_pattern.gp"
    exit status 2
}

set terminal svg size 760,400 dynamic font "sans,13" background rgb "white"
set output outfile
data = datadir."/conv.dat"

set size ratio -1
set xrange [-0.5:29.5]
set yrange [11.5:-0.5]
set xtics 0,6,29 nomirror
set ytics 0,4,11 nomirror
set xlabel "column q: input pixel (y, x), q = 6y + x"
set ylabel "row r: output (i, j)"
set cbrange [-1.5:8.5]
set cbtics ("zero" -1, "K_{00}" 0, "K_{01}" 1, "K_{02}" 2, "K_{10}" 3, "K_{11}" 4, \
            "K_{12}" 5, "K_{20}" 6, "K_{21}" 7, "K_{22}" 8)
set palette maxcolors 10
set palette defined (-1 "white", 0 "#1f77b4", 1 "#ff7f0e", 2 "#2ca02c", 3 "#d62728", \
                     4 "#9467bd", 5 "#8c564b", 6 "#e377c2", 7 "#7f7f7f", 8 "#bcbd22")
unset key

plot data index 0 matrix with image pixels
