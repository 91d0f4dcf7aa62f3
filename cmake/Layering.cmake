# The folder dependency rules (cmake/LayeringRules.cmake, explained in docs/architecture.md),
# checked on every build: a source file may include headers only from the folders its layer
# allows. Linking alone would not catch a header-only use, so the includes themselves are checked.
include(${CMAKE_CURRENT_LIST_DIR}/LayeringRules.cmake)

function(crmsync_check_layering)
  add_custom_target(check_layering ALL
    COMMAND ${CMAKE_COMMAND} -DROOT=${CMAKE_SOURCE_DIR}
            -P ${CMAKE_SOURCE_DIR}/cmake/CheckLayering.cmake
    VERBATIM
    COMMENT "Checking folder dependencies against docs/architecture.md")
endfunction()
