# Tests of a chapter program as a reader runs it, from tests/programs/NAME.cases,
# one case a line, KIND | ARGS:
#   book | ARGS           how the book runs the program (exactly one such line); also
#                         tested as deterministic. @DATA@ is a folder for the files it
#                         writes, which code/NAME/*.gp draw as the chapter's figures
#   deterministic | ARGS  two runs give byte-identical output and identical @DATA@ files
#   bad | ARGS            bad input: exit 2 and one "error:" line
#   full | ARGS           output to a full disk is an error, not a silent loss
# Each case becomes the CTest test NAME.KIND.INDEX.ARGS; the book's arguments are
# left in the global property BACKPROP_BOOK_ARGS_NAME, and every case's arguments
# (one per line) in BACKPROP_CASE_ARGS_NAME for the fuzzer's seed corpus.

function(add_program_cases chapter)
  set(file ${PROJECT_SOURCE_DIR}/tests/programs/${chapter}.cases)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${file})
  file(STRINGS ${file} lines)
  set(index 0)
  set(book_lines 0)
  set(seeds)
  foreach(line IN LISTS lines)
    if(line MATCHES "^[ \t]*(#|$)")
      continue()
    endif()
    if(NOT line MATCHES "^(book|bad|deterministic|full)[ \t]*\\|(.*)$")
      message(FATAL_ERROR "${file}: cannot read the line '${line}' (expected KIND | ARGS, "
                          "KIND one of book, bad, deterministic, full)")
    endif()
    set(kind ${CMAKE_MATCH_1})
    string(STRIP "${CMAKE_MATCH_2}" argstring)
    separate_arguments(args UNIX_COMMAND "${argstring}")
    math(EXPR index "${index} + 1")
    string(MAKE_C_IDENTIFIER "${argstring}" slug)
    set(name "${chapter}.${kind}.${index}.${slug}")
    set(script expect_deterministic)
    if(kind STREQUAL "bad")
      set(script expect_bad_input)
    elseif(kind STREQUAL "full")
      set(script expect_write_failure)
    endif()
    # "-DARGS=${args}" stays one argument: the list's semicolons reach the script.
    add_test(NAME ${name}
             COMMAND ${CMAKE_COMMAND} -DPROGRAM=$<TARGET_FILE:${chapter}> "-DARGS=${args}"
                     -DWORK=${PROJECT_BINARY_DIR}/determinism/${name}
                     -P ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/${script}.cmake)
    set_tests_properties(${name} PROPERTIES LABELS "program;${kind}" TIMEOUT 300)
    if(kind STREQUAL "book")
      math(EXPR book_lines "${book_lines} + 1")
      set_property(GLOBAL PROPERTY BACKPROP_BOOK_ARGS_${chapter} "${args}")
    endif()
    string(REPLACE "@DATA@" "data" seed_args "${args}")
    list(JOIN seed_args "\n" seed)
    # Not list(APPEND): it drops an empty first element, and a case without arguments
    # (book |, full |) is a case too. One element per case, in the file's order.
    if(index EQUAL 1)
      set(seeds "${seed}")
    else()
      set(seeds "${seeds};${seed}")
    endif()
  endforeach()
  if(NOT book_lines EQUAL 1)
    message(FATAL_ERROR "${file}: needs exactly one line 'book | ARGS' (how the book runs "
                        "${chapter}), found ${book_lines}")
  endif()
  set_property(GLOBAL PROPERTY BACKPROP_CASE_ARGS_${chapter} "${seeds}")
endfunction()
