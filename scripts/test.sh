#!/usr/bin/env bash
# Builds crmsync and runs every test: SQLite and, on a throwaway PostgreSQL server started on
# loopback for the run, PostgreSQL. Tests that need ../shared/fixtures/real skip without it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
bash scripts/with-postgres.sh ctest --test-dir build --output-on-failure -j"$(nproc)"
