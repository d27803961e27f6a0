MathJax.Hub.Config({
  TeX: { equationNumbers: { autoNumber: "AMS" } },
  SVG: { font: "TeX", linebreaks: { automatic: true } },
  menuSettings: { zoom: "None" },
  showMathMenu: false,
  messageStyle: "none"
});
