# Copies the part of Debian's MathJax 2 that the book uses (TeX input, SVG output
# with the TeX fonts, the AMS extensions) next to the HTML, so pages typeset
# their formulas offline. Usage: cmake -DSOURCE=dir -DDEST=dir -P copy_mathjax.cmake
foreach(var SOURCE DEST)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "copy_mathjax.cmake: -D${var}=... is required")
  endif()
endforeach()
if(NOT EXISTS "${SOURCE}/MathJax.js")
  message(FATAL_ERROR "MathJax not found at ${SOURCE} (Debian package libjs-mathjax)")
endif()
file(REMOVE_RECURSE "${DEST}")
file(COPY "${SOURCE}/MathJax.js" DESTINATION "${DEST}" FOLLOW_SYMLINK_CHAIN)
foreach(dir extensions jax/input/TeX jax/element localization/en jax/output/SVG/fonts/TeX)
  get_filename_component(parent "${DEST}/${dir}" DIRECTORY)
  file(COPY "${SOURCE}/${dir}" DESTINATION "${parent}" FOLLOW_SYMLINK_CHAIN)
endforeach()
file(COPY "${SOURCE}/jax/output/SVG/config.js" "${SOURCE}/jax/output/SVG/jax.js"
     DESTINATION "${DEST}/jax/output/SVG" FOLLOW_SYMLINK_CHAIN)
foreach(optional autoload)
  if(EXISTS "${SOURCE}/jax/output/SVG/${optional}")
    file(COPY "${SOURCE}/jax/output/SVG/${optional}" DESTINATION "${DEST}/jax/output/SVG")
  endif()
endforeach()
