#!/usr/bin/env bash
# Runs every test suite: xunit (unit + integration on real Azurite), front end (Vitest) and browser
# (Playwright in Chromium). Ends with one line: "Tests: N passed, N failed, N skipped".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/common.sh

ensure_test_machine || exit 1

results="$root/.data/test-results"
rm -rf "$results" && mkdir -p "$results"
status=0

ensure_node_modules static-web || status=1
ensure_node_modules tests/api-tools || status=1 # Redocly, Spectral and Prism for the OpenAPI contract tests; the TypeScript MCP SDK for the MCP server
build_front_end static-web || status=1

echo "Building the solution…"
dotnet build CrewBuilder.sln --nologo -v quiet -clp:ErrorsOnly || status=1

echo "Running the .NET tests…"
dotnet test CrewBuilder.sln --no-build --nologo --results-directory "$results" \
  --logger "trx" --logger "console;verbosity=minimal" || status=1

echo "Running the front-end tests…"
(cd static-web && npx vitest run --reporter=default --reporter=json --outputFile="$results/vitest.json") || status=1

node scripts/summarize-tests.mjs "$results" || status=1
exit $status
