# The figure of the chapter "Max pooling": the first channel of the first image of
# the book's run, each input coloured by how many outputs took it as their maximum
# (0, 1, 2, ...) and labelled with its value.
#   gnuplot -e "datadir='DIR'; outfile='OUT.svg'" pool_switches.gp
# DIR/switches.dat is written by `max_pooling --plot-data DIR/switches.dat` (the
# book's run, tests/programs/max_pooling.cases); its block `index 0` has the columns
#   row column x outputs_that_took_it

if (!exists("datadir") || !exists("outfile")) {
    print "usage: gnuplot -e \"datadir='DIR'; outfile='OUT.svg'\" pool_switches.gp"
    exit status 2
}

set terminal svg size 640,600 dynamic font "sans,13" background rgb "white"
set output outfile
data = datadir."/switches.dat"

stats data index 0 using 1:2 nooutput
rows = STATS_max_x + 1
cols = STATS_max_y + 1

set size ratio -1
set xrange [-0.5:cols - 0.5]
set yrange [rows - 0.5:-0.5]
set xtics 1 nomirror
set ytics 1 nomirror
set xlabel "column q"
set ylabel "row r"
set cbrange [-0.5:4.5]
set cbtics 1
set cblabel "outputs that took the input"
set palette maxcolors 5 defined (0 "#ffffff", 1 "#9ecae1", 2 "#3182bd", 3 "#08519c", 4 "#08306b")
unset key

plot data index 0 using 2:1:4 with image pixels, \
     data index 0 using 2:1:(sprintf("%.2f", $3)):($4 >= 2 ? 0xffffff : 0x000000) \
          with labels tc rgb variable font "sans,11"
