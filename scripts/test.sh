#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what the tests need, builds, runs every test project, and ends with
# the line "N passed, N failed, N skipped".
#   scripts/test.sh          everything, including the Slow category (full-length main runs)
#   scripts/test.sh --fast   without the Slow category
set -uo pipefail
cd "$(dirname "$0")/.."

scripts/install-test-deps.sh || { echo "0 passed, 1 failed"; exit 1; }
export PLATFORM_DATA_DIR="${PLATFORM_DATA_DIR:-$(cd .. && pwd)/shared/datasets}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Test assemblies and classes train in parallel on few cores: one libtorch thread per training avoids oversubscription,
# where OpenMP threads spin against each other and a 3-second run takes minutes.
export PLATFORM_TORCH_THREADS="${PLATFORM_TORCH_THREADS:-1}"

# Slow: full-length main runs (CI runs them). Long and Benchmark: by hand only (hours-scale runs, timing harnesses).
filter=(--filter "Category!=Long&Category!=Benchmark")
[ "${1:-}" = "--fast" ] && filter=(--filter "Category!=Long&Category!=Benchmark&Category!=Slow")

results="$PWD/TestResults"
rm -rf "$results"
if ! dotnet build Platform.sln -c Release -nologo -v q; then
  echo "0 passed, 1 failed"
  exit 1
fi

dotnet test Platform.sln -c Release --no-build -nologo "${filter[@]}" \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results"
status=$?
echo "dotnet test exited with $status"

scripts/trx-summary.sh "$results"
exit $status
