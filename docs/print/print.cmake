# The book's print edition, included by docs/CMakeLists.txt after the search step
# (which is the last to change the pages): print-book prints every page of
# BOOK_PAGE_FILES with headless Chromium and joins them into one PDF. The pages
# style themselves for paper with print.css (HTML_EXTRA_STYLESHEET in Doxyfile.in).
# Sets BOOK_PDF, the step's output.
set(BOOK_PDF ${BOOK_DIR}/book.pdf)
add_custom_command(
  OUTPUT ${BOOK_PDF}
  COMMAND ${CMAKE_CURRENT_LIST_DIR}/print-book ${BOOK_DIR}/html ${BOOK_PDF} ${BOOK_PAGE_FILES}
  DEPENDS ${BOOK_DIR}/html/index.html ${BOOK_SEARCH_INDEX} ${CMAKE_CURRENT_LIST_DIR}/print-book
          ${CMAKE_CURRENT_LIST_DIR}/join-pdf
  COMMENT "Printing the book: ${BOOK_PDF}"
  VERBATIM)
