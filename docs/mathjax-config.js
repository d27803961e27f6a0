MathJax.Hub.Config({
  TeX: { equationNumbers: { autoNumber: "AMS" } },
  SVG: { font: "TeX" },
  menuSettings: { zoom: "None" },
  showMathMenu: false,
  messageStyle: "none"
});
