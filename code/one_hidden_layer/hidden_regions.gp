# The second figure of the chapter "One hidden layer": the class the trained network
# predicts at each point of the plane, with the three spirals it was trained on.
#   gnuplot -e "datadir='DIR'; outfile='OUT.svg'" hidden_regions.gp
# DIR/spirals.dat is written by `one_hidden_layer --plot-data DIR/spirals.dat` (the
# book's run, tests/programs/one_hidden_layer.cases); its block `index 1` is a grid
# of rows "x1 x2 class", `index 2` the training points "x1 x2 class".

if (!exists("datadir") || !exists("outfile")) {
    print "usage: gnuplot -e \"datadir='DIR'; outfile='OUT.svg'\" hidden_regions.gp"
    exit status 2
}

set terminal svg size 620,620 dynamic font "sans,13" background rgb "white"
set output outfile
data = datadir."/spirals.dat"

set size ratio -1
set xrange [-1.2:1.2]
set yrange [-1.2:1.2]
set border 15
set tics nomirror
set xlabel "x_1"
set ylabel "x_2"
set key off
unset colorbox
set cbrange [-0.5:2.5]
set palette defined (0 "#c6dbef", 1 "#c6dbef", 1 "#fdd0a2", 2 "#fdd0a2", 2 "#c7e9c0", 3 "#c7e9c0")

plot data index 1 using 1:2:3 with image, \
     data index 2 using 1:($3 == 0 ? $2 : 1/0) with points pt 7 ps 0.6 lc rgb "#1f4e9c", \
     data index 2 using 1:($3 == 1 ? $2 : 1/0) with points pt 5 ps 0.55 lc rgb "#c0540a", \
     data index 2 using 1:($3 == 2 ? $2 : 1/0) with points pt 9 ps 0.7 lc rgb "#2a7a2a"
