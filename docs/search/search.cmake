# The book's full-text search, included by docs/CMakeLists.txt after Doxygen's step.
# Node builds a lunr index of every page of BOOK_PAGE_FILES from the HTML Doxygen
# wrote (build-index.js), and the search box, lunr (Debian's libjs-lunr) and the
# engine are copied next to the pages, into html/book-search/. A page needs one
# line in its <head>; a custom HTML_HEADER carries it as
#   <script type="text/javascript" src="$relpath^book-search/book-search.js"></script>
# and until then build-index.js --inject puts it into every page (a page that has
# it already is left alone). The box goes into an element with id "book-search" if
# the header has one. Sets BOOK_SEARCH_INDEX, the step's output.
find_program(NODE_EXECUTABLE NAMES node nodejs)
set(LUNR_SOURCE /usr/share/javascript/lunr CACHE PATH "Debian's lunr 2 (libjs-lunr)")
set(BOOK_NODE_PATH /usr/share/nodejs CACHE PATH "Debian's Node.js modules (node-htmlparser2)")
set(search_dir ${CMAKE_CURRENT_LIST_DIR})
set(search_out ${BOOK_DIR}/html/book-search)
set(BOOK_SEARCH_INDEX ${search_out}/book-search-index.js)

if(NOT NODE_EXECUTABLE OR NOT EXISTS ${LUNR_SOURCE}/lunr.min.js OR NOT EXISTS ${BOOK_NODE_PATH}/htmlparser2)
  add_custom_command(
    OUTPUT ${BOOK_SEARCH_INDEX}
    COMMAND ${CMAKE_COMMAND} -E echo "error: the book's search needs nodejs, libjs-lunr and node-htmlparser2; run: make book"
    COMMAND ${CMAKE_COMMAND} -E false
    VERBATIM)
  return()
endif()

add_custom_command(
  OUTPUT ${BOOK_SEARCH_INDEX}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${search_out}
  COMMAND ${CMAKE_COMMAND} -E copy ${LUNR_SOURCE}/lunr.min.js ${search_dir}/book-search.js
          ${search_dir}/book-search.css ${search_dir}/book-search-engine.js ${search_out}
  COMMAND ${CMAKE_COMMAND} -E env NODE_PATH=${BOOK_NODE_PATH}
          ${NODE_EXECUTABLE} ${search_dir}/build-index.js --lunr ${LUNR_SOURCE}/lunr.min.js
          --out ${BOOK_SEARCH_INDEX} --inject book-search/book-search.js
          ${BOOK_DIR}/html ${BOOK_PAGE_FILES}
  DEPENDS ${BOOK_DIR}/html/index.html ${search_dir}/build-index.js ${search_dir}/book-search.js
          ${search_dir}/book-search.css ${search_dir}/book-search-engine.js ${LUNR_SOURCE}/lunr.min.js
  COMMENT "Indexing the book for its search: ${BOOK_SEARCH_INDEX}"
  VERBATIM)
