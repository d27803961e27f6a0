# The second figure of the chapter "Recurrent networks": the norm of the gradient
# of the last step's loss with respect to each state h_t, for the initial network
# with W scaled to four largest singular values.
#   gnuplot -e "datadir='DIR'; outfile='OUT.svg'" rnn_norms.gp
# DIR/echo.dat is written by `recurrent_networks --plot-data DIR/echo.dat`; its block
# `index 1` has the columns
#   t norm_sigma_0.5 norm_sigma_1 norm_sigma_1.5 norm_sigma_3

if (!exists("datadir") || !exists("outfile")) {
    print "usage: gnuplot -e \"datadir='DIR'; outfile='OUT.svg'\" rnn_norms.gp"
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
set xlabel "step t"
set ylabel "‖∂L_T / ∂h_t‖"
set key bottom right

plot data index 1 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc rgb "#1f77b4" title "σ_{max}(W) = 0.5", \
     data index 1 using 1:3 with linespoints lw 2 pt 5 ps 0.5 lc rgb "#2ca02c" title "σ_{max}(W) = 1", \
     data index 1 using 1:4 with linespoints lw 2 pt 9 ps 0.5 lc rgb "#ff7f0e" title "σ_{max}(W) = 1.5", \
     data index 1 using 1:5 with linespoints lw 2 pt 11 ps 0.5 lc rgb "#d62728" title "σ_{max}(W) = 3"
