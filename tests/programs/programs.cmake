# Tests of the chapter programs as a reader runs them, from tests/programs/cases.txt:
#   PROGRAM | bad | ARGS            bad input: exit 2 and one "error:" line
#   PROGRAM | deterministic | ARGS  two runs give byte-identical output
#   PROGRAM | full | ARGS           output to a full disk is an error, not a silent loss
set(_cases_file ${CMAKE_CURRENT_LIST_DIR}/cases.txt)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${_cases_file})
file(STRINGS ${_cases_file} _lines)
set(_index 0)
foreach(_line IN LISTS _lines)
  if(_line MATCHES "^[ \t]*(#|$)")
    continue()
  endif()
  if(NOT _line MATCHES "^([a-z_]+)[ \t]*\\|[ \t]*(bad|deterministic|full)[ \t]*\\|(.*)$")
    message(FATAL_ERROR "${_cases_file}: cannot read the line '${_line}'")
  endif()
  set(_program ${CMAKE_MATCH_1})
  set(_kind ${CMAKE_MATCH_2})
  string(STRIP "${CMAKE_MATCH_3}" _argstring)
  separate_arguments(_args UNIX_COMMAND "${_argstring}")
  if(NOT TARGET ${_program})
    message(FATAL_ERROR "${_cases_file}: no chapter program '${_program}'")
  endif()
  math(EXPR _index "${_index} + 1")
  string(MAKE_C_IDENTIFIER "${_argstring}" _slug)
  set(_name "${_program}.${_kind}.${_index}.${_slug}")
  if(_kind STREQUAL "bad")
    add_test(NAME ${_name}
             COMMAND ${CMAKE_COMMAND} -DPROGRAM=$<TARGET_FILE:${_program}> "-DARGS=${_args}"
                     -P ${CMAKE_CURRENT_LIST_DIR}/expect_bad_input.cmake)
  elseif(_kind STREQUAL "full")
    add_test(NAME ${_name}
             COMMAND ${CMAKE_COMMAND} -DPROGRAM=$<TARGET_FILE:${_program}> "-DARGS=${_args}"
                     -P ${CMAKE_CURRENT_LIST_DIR}/expect_write_failure.cmake)
  else()
    add_test(NAME ${_name}
             COMMAND ${CMAKE_COMMAND} -DPROGRAM=$<TARGET_FILE:${_program}> "-DARGS=${_args}"
                     -DWORK=${PROJECT_BINARY_DIR}/determinism/${_index}
                     -P ${CMAKE_CURRENT_LIST_DIR}/expect_deterministic.cmake)
  endif()
  set_tests_properties(${_name} PROPERTIES LABELS "program;${_kind}" TIMEOUT 300)
endforeach()
