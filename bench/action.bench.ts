// `npm run bench`: the bundled action (dist/index.js, a child process started as a GitHub runner starts it)
// against the fake App Store Connect with a fixed latency added to every request; prints a Markdown table of
// each scenario against its bound and writes bench/results.json. On demand, not in CI. See bench/README.md.
//   BENCH_LATENCY_MS   latency per request (default 100)
//   BENCH_BURST        also run S1 against a fake allowing only this many requests a second (a 429 storm)
//   BENCH_DIST         another bundle to measure instead of dist/index.js (e.g. a copy of main's)
//   BENCH_ONLY         comma-separated scenarios to run (S1,S2,S1b,S3,S3c,S5,storm); S4 always runs
//   BENCH_STARTUP_RUNS runs of S4 whose median is the start-up (default 7)
//   BENCH_VALIDATE=1   validate every request and answer against Apple's spec (slower: the fake shares the CPU)
//   BENCH_DEADLINE_MS  the whole bench stops, failing, after this long (default 600000)
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTestKey } from '../test/helpers/keys.js';
import { jsonReport, markdownReport } from './report.js';
import { runScenarios } from './scenarios.js';

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 100);
const DEADLINE_MS = Number(process.env.BENCH_DEADLINE_MS ?? 600_000);
const ENTRY = process.env.BENCH_DIST
  ? resolve(process.env.BENCH_DIST)
  : fileURLToPath(new URL('../dist/index.js', import.meta.url));
const RESULTS = fileURLToPath(new URL('./results.json', import.meta.url));

// Requests are bounded in count by each fake's hourly limit (Apple's 3600: the client stops once it is spent),
// in time by each run's timeout and by this deadline: a regression that loops or stalls ends the bench.
setTimeout(() => {
  console.error(`bench: not finished after ${DEADLINE_MS} ms; stopped`);
  process.exit(1);
}, DEADLINE_MS).unref();

console.error(`bench: ${ENTRY}, ${LATENCY_MS} ms latency per request`);
const results = await runScenarios(
  {
    key: makeTestKey(),
    latencyMs: LATENCY_MS,
    entry: ENTRY,
    startUpRuns: Number(process.env.BENCH_STARTUP_RUNS ?? 7),
    burst: Number(process.env.BENCH_BURST ?? 0),
    validate: process.env.BENCH_VALIDATE === '1',
    timeoutMs: 120_000,
    only: process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : null,
  },
  (line) => console.error(`bench: ${line}`),
);
console.log(markdownReport(results, LATENCY_MS));
writeFileSync(
  RESULTS,
  jsonReport(results, { latencyMs: LATENCY_MS, entry: ENTRY, node: process.version }),
);
console.error(`bench: wrote ${RESULTS}`);
const missed = [...results.runs.flatMap((r) => r.targets), ...results.startUp.targets].filter(
  (t) => !t.met,
).length;
if (missed > 0) console.error(`bench: ${missed} target(s) missed`);
