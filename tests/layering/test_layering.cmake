# The layering check, tested: small trees with one planted violation of each kind must fail the
# check with a message naming the file, the line, the include and the rule; a clean tree and the
# real repository must pass; and a planted violation must fail an actual build of check_layering.
#   cmake -DREPO=SOURCE_DIR -DWORK=SCRATCH_DIR [-DGENERATOR=...] -P test_layering.cmake
cmake_minimum_required(VERSION 3.25)
foreach(var REPO WORK)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "usage: cmake -DREPO=SOURCE_DIR -DWORK=SCRATCH_DIR -P test_layering.cmake")
  endif()
endforeach()
set(check "${REPO}/cmake/CheckLayering.cmake")
file(REMOVE_RECURSE "${WORK}")
set(failures 0)

# write_files(TREE PATH TEXT [PATH TEXT]...): each TEXT is one file's lines joined by '|'.
function(write_files tree)
  set(args ${ARGN})
  list(LENGTH args count)
  math(EXPR last "${count} - 1")
  foreach(i RANGE 0 ${last} 2)
    math(EXPR j "${i} + 1")
    list(GET args ${i} path)
    list(GET args ${j} text)
    string(REPLACE "|" "\n" text "${text}")
    file(WRITE "${tree}/${path}" "${text}\n")
  endforeach()
endfunction()

# A tree in which every layer includes what it may, in both include forms.
function(write_clean_tree tree)
  write_files("${tree}"
    util/hash.h [[#pragma once|#include <string>]]
    util/hash.cpp [[#include "util/hash.h"|#include "hash.h"]]
    crmcore/record.h [[#pragma once|#include "util/hash.h"|#include <vector>]]
    mapping/mapper.h [[#pragma once|#include "crmcore/record.h"|#include <util/hash.h>]]
    adapters/crmdb/store.h [[#pragma once|#include "crmcore/record.h"|#include <soci/soci.h>]]
    adapters/crmdb/store.cpp [[#include "adapters/crmdb/store.h"|#include "store.h"]]
    adapters/onec/commerceml/reader_detail.h [[#pragma once|#include <crmcore/record.h>]]
    adapters/onec/commerceml/reader.h [[#pragma once|#include "reader_detail.h"]]
    adapters/onec/odata/client.h [[#pragma once|#include "crmcore/record.h"|#include "util/hash.h"]]
    sync/importer.h [[#pragma once|#include "crmcore/record.h"|#include "mapping/mapper.h"]]
    scheduler/runner.h [[#pragma once|#include "sync/importer.h"]]
    config/daemon_config.h [[#pragma once|#include "util/hash.h"]]
    app/main.cpp [[#include "adapters/crmdb/store.h"|#include <adapters/onec/odata/client.h>|#include "config/daemon_config.h"|#include "scheduler/runner.h"]]
    tests/emulator/emulator.h [[#pragma once|#include "adapters/onec/commerceml/reader.h"|#include "app/cli.h"]]
    tests/support/test_env.h [[#pragma once|#include "crmcore/record.h"]]
    tests/sync/test_importer.cpp [[#include "tests/support/test_env.h"|#include "tests/emulator/emulator.h"|#include "sync/importer.h"|#include "adapters/crmdb/store.h"]]
    bench/pull_bench.cpp [[#include "tests/emulator/emulator.h"|#include "app/main.h"|#include "adapters/onec/odata/client.h"]])
endfunction()

function(run_check tree out_result out_output)
  execute_process(COMMAND "${CMAKE_COMMAND}" "-DROOT=${tree}" -P "${check}"
                  RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
  set(${out_result} "${result}" PARENT_SCOPE)
  set(${out_output} "${output}" PARENT_SCOPE)
endfunction()

function(fail name what output)
  message(NOTICE "FAIL ${name}: ${what}\n--- check output ---\n${output}---")
  math(EXPR n "${failures} + 1")
  set(failures ${n} PARENT_SCOPE)
endfunction()

function(expect_pass name tree)
  run_check("${tree}" result output)
  if(NOT result EQUAL 0)
    fail("${name}" "expected the check to pass" "${output}")
  else()
    message(NOTICE "ok   ${name}")
  endif()
  set(failures ${failures} PARENT_SCOPE)
endfunction()

# expect_violation(NAME PATH TEXT EXPECTED): the clean tree plus PATH with TEXT must fail with
# exactly one violation whose message contains EXPECTED.
function(expect_violation name path text expected)
  set(tree "${WORK}/${name}")
  write_clean_tree("${tree}")
  write_files("${tree}" "${path}" "${text}")
  run_check("${tree}" result output)
  string(FIND "${output}" "${expected}" at)
  if(result EQUAL 0)
    fail("${name}" "expected the check to fail" "${output}")
  elseif(at EQUAL -1)
    fail("${name}" "expected the message to contain: ${expected}" "${output}")
  elseif(NOT output MATCHES "[ \n]1 layering violation\\(s\\)")
    fail("${name}" "expected exactly one violation" "${output}")
  else()
    message(NOTICE "ok   ${name}")
  endif()
  set(failures ${failures} PARENT_SCOPE)
endfunction()

write_clean_tree("${WORK}/clean")
expect_pass(clean_tree "${WORK}/clean")
expect_pass(real_repository "${REPO}")

expect_violation(quote_include_up crmcore/entity.h [[#pragma once|#include <string>|#include "mapping/mapper.h"]]
  [[crmcore/entity.h:3: #include "mapping/mapper.h": crmcore/ may not include mapping/ (crmcore/ may include only util/, crmcore/ — see "crmcore/" in docs/architecture.md)]])
expect_violation(angle_include_up mapping/transform.cpp [[#include <sync/importer.h>]]
  [[mapping/transform.cpp:1: #include <sync/importer.h>: mapping/ may not include sync/]])
expect_violation(adapter_includes_adapter adapters/onec/commerceml/reader.cpp
  [[#include "adapters/onec/commerceml/reader.h"|#include "adapters/onec/odata/client.h"]]
  [[adapters/onec/commerceml/reader.cpp:2: #include "adapters/onec/odata/client.h": adapters/onec/commerceml/ may not include adapters/onec/odata/ (adapters/onec/commerceml/ may include only util/, crmcore/, adapters/onec/commerceml/ — see "adapters/onec/commerceml/" in docs/architecture.md)]])
expect_violation(adapter_includes_adapter_angle adapters/crmdb/sale_state.cpp
  [[#include <adapters/onec/commerceml/reader.h>]]
  [[adapters/crmdb/sale_state.cpp:1: #include <adapters/onec/commerceml/reader.h>: adapters/crmdb/ may not include adapters/onec/commerceml/]])
expect_violation(sync_includes_adapter sync/batch_applier.cpp [[#include "sync/importer.h"|#include "adapters/crmdb/store.h"]]
  [[sync/batch_applier.cpp:2: #include "adapters/crmdb/store.h": sync/ may not include adapters/crmdb/ (sync/ may include only util/, crmcore/, mapping/, sync/ — see "sync/" in docs/architecture.md)]])
expect_violation(sync_includes_adapter_relative sync/pull.cpp [[#include "../adapters/onec/odata/client.h"]]
  [[sync/pull.cpp:1: #include "../adapters/onec/odata/client.h": sync/ may not include adapters/onec/odata/]])
expect_violation(scheduler_includes_app scheduler/job.cpp [[#include <app/main.h>]]
  [[scheduler/job.cpp:1: #include <app/main.h>: scheduler/ may not include app/]])
expect_violation(config_includes_crmcore config/ini.cpp [[#include "crmcore/record.h"]]
  [[config/ini.cpp:1: #include "crmcore/record.h": config/ may not include crmcore/]])
expect_violation(app_includes_tests app/cmd_import.cpp [[#include "tests/support/test_env.h"]]
  [[app/cmd_import.cpp:1: #include "tests/support/test_env.h": app/ may not include tests/]])
expect_violation(bench_includes_test_support bench/import_bench.cpp
  [[#include "tests/emulator/emulator.h"|#include <tests/support/test_env.h>]]
  [[bench/import_bench.cpp:2: #include <tests/support/test_env.h>: bench/ may not include tests/ (bench/ may include only util/, crmcore/, mapping/, adapters/, sync/, scheduler/, config/, app/, tests/emulator/, bench/ — see "bench/" in docs/architecture.md)]])
expect_violation(emulator_includes_test_support tests/emulator/odata_store.cpp [[#include "tests/support/test_env.h"]]
  [[tests/emulator/odata_store.cpp:1: #include "tests/support/test_env.h": tests/emulator/ may not include tests/]])
expect_violation(util_includes_crmcore util/text.cpp [[#include "util/hash.h"|#include "crmcore/record.h"]]
  [[util/text.cpp:2: #include "crmcore/record.h": util/ may not include crmcore/ (util/ may include only util/ — see "util/" in docs/architecture.md)]])
expect_violation(util_includes_adapter_angle util/files.h [[#pragma once|#include <adapters/crmdb/store.h>]]
  [[util/files.h:2: #include <adapters/crmdb/store.h>: util/ may not include adapters/crmdb/]])
expect_violation(file_in_no_layer adapters/onec/shared.h [[#pragma once]]
  [[adapters/onec/shared.h: belongs to no layer]])

# The check as the build runs it: a project with the check_layering target, built, must fail.
set(project "${WORK}/build_fails")
write_clean_tree("${project}")
write_files("${project}" sync/object_pull.cpp [[#include <adapters/onec/odata/client.h>]])
file(COPY "${REPO}/cmake/Layering.cmake" "${REPO}/cmake/LayeringRules.cmake" "${check}"
     DESTINATION "${project}/cmake")
file(WRITE "${project}/CMakeLists.txt" [[
cmake_minimum_required(VERSION 3.25)
project(layering_probe NONE)
include(cmake/Layering.cmake)
crmsync_check_layering()
]])
set(generator_args "")
if(DEFINED GENERATOR)
  set(generator_args -G "${GENERATOR}")
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" ${generator_args} -S "${project}" -B "${project}/build"
                RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
if(NOT result EQUAL 0)
  fail(build_fails "the probe project did not configure" "${output}")
else()
  execute_process(COMMAND "${CMAKE_COMMAND}" --build "${project}/build"
                  RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
  set(expected [[sync/object_pull.cpp:1: #include <adapters/onec/odata/client.h>: sync/ may not include adapters/onec/odata/]])
  string(FIND "${output}" "${expected}" at)
  if(result EQUAL 0 OR at EQUAL -1)
    fail(build_fails "expected the build to fail with: ${expected}" "${output}")
  else()
    message(NOTICE "ok   build_fails")
  endif()
endif()

if(failures GREATER 0)
  message(FATAL_ERROR "${failures} layering case(s) failed")
endif()
