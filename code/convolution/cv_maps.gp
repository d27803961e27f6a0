# The second figure of the chapter "Convolution": for image 0, channel 0 of the book's
# run, the input V, the upstream gradient G = dC/dZ of output channel 0, the input's
# gradient dC/dV, and the kernel's gradient dC/dK of filter 0, as maps.
#   gnuplot -e "datadir='DIR'; outfile='OUT.svg'" cv_maps.gp
# DIR/conv.dat is written by `convolution --plot-data DIR/conv.dat`; its blocks
# `index 1` to `index 4` are those four matrices, a row per line.

if (!exists("datadir") || !exists("outfile")) {
    print "usage: gnuplot -e \"datadir='DIR'; outfile='OUT.svg'\" cv_maps.gp"
    exit status 2
}

set terminal svg size 760,300 dynamic font "sans,12" background rgb "white"
set output outfile
data = datadir."/conv.dat"

set palette defined (0 "#2166ac", 1 "#f7f7f7", 2 "#b2182b")
set size ratio -1
unset key
unset xtics
unset ytics
set yrange [*:*] reverse # row 0 at the top, as the image is stored
set colorbox horizontal user origin graph 0, graph -0.12 size graph 1, graph 0.05

set multiplot layout 1,4
set title "V (input)"
stats data index 1 matrix using 3 nooutput
m = (abs(STATS_min) > abs(STATS_max) ? abs(STATS_min) : abs(STATS_max))
set cbrange [-m:m]
set cbtics m format "%.2g"
plot data index 1 matrix with image pixels

set title "G = ∂C/∂Z"
stats data index 2 matrix using 3 nooutput
m = (abs(STATS_min) > abs(STATS_max) ? abs(STATS_min) : abs(STATS_max))
set cbrange [-m:m]
set cbtics m format "%.2g"
plot data index 2 matrix with image pixels

set title "∂C/∂V"
stats data index 3 matrix using 3 nooutput
m = (abs(STATS_min) > abs(STATS_max) ? abs(STATS_min) : abs(STATS_max))
set cbrange [-m:m]
set cbtics m format "%.2g"
plot data index 3 matrix with image pixels

set title "∂C/∂K"
stats data index 4 matrix using 3 nooutput
m = (abs(STATS_min) > abs(STATS_max) ? abs(STATS_min) : abs(STATS_max))
set cbrange [-m:m]
set cbtics m format "%.2g"
plot data index 4 matrix with image pixels
unset multiplot
