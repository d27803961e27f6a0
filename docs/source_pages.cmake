# Writes the appendix "Source files": every file of the book's code in full, each
# under an HTML anchor named by its path, which the name above every snippet links
# to (the alias \codefile of the Doxyfile). Run by docs/CMakeLists.txt with
#   -DROOT=<source dir> -DOUTPUT=<file.md> -DFILES=<path;path;...> (relative to ROOT)
file(WRITE ${OUTPUT} "# Source files {#sources}\n\n"
  "Every file of the book's code and tests, in full, as this build compiled it. "
  "The name above each snippet in the text links to the file here.\n\n[TOC]\n\n")
set(index 0)
foreach(path IN LISTS FILES)
  if(NOT EXISTS ${ROOT}/${path})
    message(FATAL_ERROR "error: source_pages: no file ${ROOT}/${path}")
  endif()
  math(EXPR index "${index} + 1")
  file(APPEND ${OUTPUT}
    "## ${path} {#source_${index}}\n\n"
    "\\htmlonly<a id=\"${path}\"></a>\\endhtmlonly\n\n"
    "\\include ${path}\n\n")
endforeach()
