# Script mode: fails when a source file includes a header its layer may not depend on.
#   cmake -DROOT=SOURCE_DIR -P cmake/CheckLayering.cmake
# The rules are cmake/LayeringRules.cmake; docs/architecture.md explains them, one section per
# layer. Every C++ file under a folder of ours is checked, in both include forms, with a quoted
# include resolved the way the compiler does: beside the including file first, else from the
# repository root (the one include directory of our headers). A file in no layer (say
# adapters/onec/shared.h, outside every adapter) is an error too: it would belong to nobody.
cmake_minimum_required(VERSION 3.25)
if(NOT DEFINED ROOT)
  message(FATAL_ERROR "usage: cmake -DROOT=SOURCE_DIR -P ${CMAKE_CURRENT_LIST_FILE}")
endif()
include(${CMAKE_CURRENT_LIST_DIR}/LayeringRules.cmake)
set(doc "docs/architecture.md")

set(layers "")
set(tops "")
foreach(rule IN LISTS CRMSYNC_LAYERS)
  string(FIND "${rule}" ":" colon)
  string(SUBSTRING "${rule}" 0 ${colon} folder)
  math(EXPR after "${colon} + 1")
  string(SUBSTRING "${rule}" ${after} -1 allowed)
  string(REPLACE "," ";" allowed "${allowed}")
  list(APPEND layers "${folder}")
  set("allowed_${folder}" "${allowed}")
  string(REGEX REPLACE "/.*" "" top "${folder}")
  list(APPEND tops "${top}")
endforeach()
list(REMOVE_DUPLICATES tops)

# The layer of a repository-relative path: the longest rule folder it lies in, "" for none.
function(layer_of path out)
  set(best "")
  set(best_length 0)
  foreach(folder IN LISTS layers)
    string(FIND "${path}" "${folder}/" at)
    string(LENGTH "${folder}" length)
    if(at EQUAL 0 AND length GREATER best_length)
      set(best "${folder}")
      set(best_length ${length})
    endif()
  endforeach()
  set(${out} "${best}" PARENT_SCOPE)
endfunction()

# 1-based line of the first occurrence of `text` in `file`.
function(line_of file text out)
  file(READ "${ROOT}/${file}" content)
  string(FIND "${content}" "${text}" at)
  string(SUBSTRING "${content}" 0 ${at} before)
  string(REGEX MATCHALL "\n" newlines "${before}")
  list(LENGTH newlines count)
  math(EXPR line "${count} + 1")
  set(${out} ${line} PARENT_SCOPE)
endfunction()

set(violations "")
foreach(top IN LISTS tops)
  file(GLOB_RECURSE sources RELATIVE "${ROOT}"
       "${ROOT}/${top}/*.h" "${ROOT}/${top}/*.hh" "${ROOT}/${top}/*.hpp" "${ROOT}/${top}/*.hxx"
       "${ROOT}/${top}/*.ipp" "${ROOT}/${top}/*.inl" "${ROOT}/${top}/*.c" "${ROOT}/${top}/*.cc"
       "${ROOT}/${top}/*.cpp" "${ROOT}/${top}/*.cxx" "${ROOT}/${top}/*.h.in"
       "${ROOT}/${top}/*.cpp.in")
  foreach(src IN LISTS sources)
    layer_of("${src}" layer)
    if(layer STREQUAL "")
      list(JOIN layers ", " layers_text)
      string(CONCAT violation
             "${src}: belongs to no layer: move it into one of ${layers_text}, or add a rule "
             "for its folder to cmake/LayeringRules.cmake (see \"${top}/\" in ${doc})")
      list(APPEND violations "${violation}")
      continue()
    endif()
    get_filename_component(dir "${src}" DIRECTORY)
    file(STRINGS "${ROOT}/${src}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]")
    foreach(line IN LISTS lines)
      if(NOT line MATCHES "^[ \t]*#[ \t]*include[ \t]*([<\"])([^>\"]*)([>\"])")
        continue()
      endif()
      set(open "${CMAKE_MATCH_1}")
      set(path "${CMAKE_MATCH_2}")
      set(close "${CMAKE_MATCH_3}")
      if(open STREQUAL "\"" AND (path MATCHES "^\\.\\.?/" OR EXISTS "${ROOT}/${dir}/${path}"))
        cmake_path(SET target NORMALIZE "${dir}/${path}")
      else()
        cmake_path(SET target NORMALIZE "${path}")
      endif()
      string(REGEX REPLACE "/.*" "" target_top "${target}")
      if(NOT target_top IN_LIST tops OR target STREQUAL target_top)
        continue()  # a system or library header (<boost/...>), or outside the repository
      endif()
      set(ok FALSE)
      foreach(folder IN LISTS "allowed_${layer}")
        string(FIND "${target}" "${folder}/" at)
        if(at EQUAL 0)
          set(ok TRUE)
          break()
        endif()
      endforeach()
      if(ok)
        continue()
      endif()
      layer_of("${target}" target_layer)
      if(target_layer STREQUAL "")
        get_filename_component(target_layer "${target}" DIRECTORY)
      endif()
      list(JOIN "allowed_${layer}" "/, " allowed_text)
      line_of("${src}" "${line}" number)
      string(STRIP "${line}" shown)
      string(CONCAT violation
             "${src}:${number}: ${shown}: ${layer}/ may not include ${target_layer}/ "
             "(${layer}/ may include only ${allowed_text}/ — see \"${layer}/\" in ${doc})")
      list(APPEND violations "${violation}")
    endforeach()
  endforeach()
endforeach()

if(violations)
  list(LENGTH violations count)
  foreach(violation IN LISTS violations)
    message(NOTICE "${violation}")
  endforeach()
  message(FATAL_ERROR "${count} layering violation(s): the folder dependency rules are in "
                      "cmake/LayeringRules.cmake and explained in ${doc}")
endif()
