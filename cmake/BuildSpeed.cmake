# Compile time: unity builds of the libraries and test executables. -DCRMSYNC_UNITY=OFF turns
# them off, e.g. to check that every file includes what it uses; the build is the same
# otherwise.
option(CRMSYNC_UNITY "Build each library and test executable from a few unity sources" ON)
set(CRMSYNC_UNITY_BATCH 16 CACHE STRING "Sources per unity source (CRMSYNC_UNITY)")

# crmsync_unity(TARGET [ALONE SOURCE...]): builds TARGET's sources CRMSYNC_UNITY_BATCH at a
# time, each batch one translation unit, which saves compiling the same headers and inline code
# once per file (most of a file's compile time here). 16 measured best: most libraries become
# one or two units, and the two cores still have enough of them to share. Names in anonymous
# namespaces must therefore differ between the files of a target; ALONE lists sources compiled
# on their own instead (say, one that includes SQLite's header both through SOCI and
# directly). A test source that defines BOOST_TEST_MODULE is always compiled alone: the
# module's main() is generated only where BOOST_TEST_MODULE is defined before Boost.Test is
# first included, which a file merged before it would precede.
function(crmsync_unity target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "ALONE")
  get_target_property(sources ${target} SOURCES)
  get_target_property(dir ${target} SOURCE_DIR)
  set(merged 0)
  foreach(src IN LISTS sources)
    if(IS_ABSOLUTE "${src}")
      set(path "${src}")
    else()
      set(path "${dir}/${src}")
    endif()
    if(path MATCHES "\\.cpp$" AND EXISTS "${path}")
      file(STRINGS "${path}" module REGEX "^[ \t]*#[ \t]*define[ \t]+BOOST_TEST_MODULE")
      if(module)
        set_source_files_properties(${src} TARGET_DIRECTORY ${target} PROPERTIES
                                    SKIP_UNITY_BUILD_INCLUSION ON)
      elseif(NOT src IN_LIST arg_ALONE)
        math(EXPR merged "${merged} + 1")
      endif()
    endif()
  endforeach()
  if(arg_ALONE)
    set_source_files_properties(${arg_ALONE} TARGET_DIRECTORY ${target} PROPERTIES
                                SKIP_UNITY_BUILD_INCLUSION ON)
  endif()
  # One source alone gains nothing, and GCC's -Wsubobject-linkage, which treats an included
  # .cpp as a header, would warn about its anonymous-namespace test fixtures.
  if(CRMSYNC_UNITY AND merged GREATER 1)
    set_target_properties(${target} PROPERTIES UNITY_BUILD ON
                          UNITY_BUILD_BATCH_SIZE ${CRMSYNC_UNITY_BATCH})
  endif()
endfunction()
