#!/usr/bin/env bash
# Configures and builds crmsync into build/ and prints each phase's time:
#   scripts/build.sh             everything: the binary (build/app/crmsync), tests, benchmarks
#   scripts/build.sh TARGET...   only those targets and what they need (scripts/demo.sh)
# ccache is used when CMAKE_CXX_COMPILER_LAUNCHER=ccache is exported, never required.
set -euo pipefail
cd "$(dirname "$0")/.."
timed=scripts/timed.sh
bash "$timed" setup bash scripts/setup-debian.sh
bash "$timed" configure \
  cmake -S . -B build -DCMAKE_BUILD_TYPE="${CMAKE_BUILD_TYPE:-RelWithDebInfo}" >/dev/null
targets=()
for target in "$@"; do
  targets+=(--target "$target")
done
bash "$timed" build cmake --build build -j"$(nproc)" "${targets[@]}"
