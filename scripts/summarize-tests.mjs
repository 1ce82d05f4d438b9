// Adds up the results of every suite (TRX files from dotnet test, Vitest's JSON report)
// and prints the one summary line CI reads. Exits 1 when a test failed or no test ran.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const folder = process.argv[2];
const totals = { passed: 0, failed: 0, skipped: 0 };

for (const name of readdirSync(folder)) {
  const path = join(folder, name);
  if (name.endsWith(".trx")) {
    const counters = readFileSync(path, "utf8").match(/<Counters\b[^>]*>/)?.[0] ?? "";
    const count = (attribute) => Number(counters.match(new RegExp(`\\b${attribute}="(\\d+)"`))?.[1] ?? 0);
    totals.passed += count("passed");
    totals.failed += count("failed") + count("error") + count("timeout") + count("aborted");
    totals.skipped += count("notExecuted");
  } else if (name === "vitest.json") {
    const report = JSON.parse(readFileSync(path, "utf8"));
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests;
    totals.skipped += report.numPendingTests + report.numTodoTests;
  }
}

console.log(`Tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
