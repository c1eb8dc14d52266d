// The bench's results as a Markdown table (printed) and as JSON (bench/results.json).
import type { BenchResults, MeasuredRun } from './scenarios.js';
import { describeTarget, type Target } from './targets.js';

const METHODS = ['GET', 'POST', 'PATCH', 'DELETE'];

export function markdownReport(results: BenchResults, latencyMs: number): string {
  const lines = [
    `Latency ${latencyMs} ms per request. Requests by method are GET/POST/PATCH/DELETE; round trips are the`,
    `longest chain of requests each sent after the one before it was answered. "+ n": the summary's Testers`,
    `section (its reads; in the bound, its reads and the round trips they add); "run": without them.`,
    '',
    '| scenario | run | requests (G/P/Pa/D) | bound | round trips | bound | in flight | wall ms | start-up ms | peak RSS MiB | targets |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...results.runs.map(row),
  ];
  const { startUp } = results;
  lines.push(
    `| S4 | start-up, ${startUp.runsMs.length} runs | | | | | | | ${startUp.medianMs.toFixed(0)} (median) | | ${met(startUp.targets)} |`,
  );
  for (const skipped of results.skipped) {
    lines.push(`| ${skipped.scenario} | skipped: ${skipped.reason} | | | | | | | | | |`);
  }
  lines.push('', 'Targets:');
  for (const run of results.runs) {
    lines.push(`- ${run.scenario} (${run.label}): ${run.targets.map(describeTarget).join('; ')}`);
  }
  lines.push(
    `- S4: ${startUp.targets.map(describeTarget).join('; ')}; runs ${startUp.runsMs.map((ms) => ms.toFixed(0)).join(', ')} ms (fastest ${startUp.minMs.toFixed(0)} ms); ` +
      `as the process saw it, ${ms(startUp.selfMedianMs)} from its start and ${ms(startUp.cpuMedianMs)} of CPU to its first request (medians)`,
  );
  const failed = results.runs.filter((r) => r.figures.errors.length > 0);
  for (const run of failed) lines.push(`- ${run.scenario} failed: ${run.figures.errors.join(' ')}`);
  return lines.join('\n');
}

function ms(value: number | null): string {
  return value === null ? 'not measured' : `${value.toFixed(0)} ms`;
}

function row(run: MeasuredRun): string {
  const f = run.figures;
  const byMethod = METHODS.map((m) => f.byMethod[m] ?? 0).join('/');
  const cells = [
    run.scenario,
    run.label,
    `${f.requests} (${byMethod}), run ${f.run.requests} + ${f.summaryReads}`,
    run.bound ? `${run.bound.requests} + ${run.bound.summary.reads}` : '',
    `${f.roundTrips} (run ${f.run.roundTrips})`,
    run.bound ? `${run.bound.roundTrips} + ${run.bound.summary.roundTrips}` : '',
    String(f.maxInFlight),
    f.wallMs.toFixed(0),
    f.startUpMs === null ? '' : f.startUpMs.toFixed(0),
    f.peakRssMiB === null ? '' : f.peakRssMiB.toFixed(0),
    met(run.targets) + (f.answered429 > 0 ? `, ${f.answered429} × 429` : ''),
  ];
  return `| ${cells.join(' | ')} |`;
}

function met(targets: Target[]): string {
  const missed = targets.filter((t) => !t.met).map((t) => t.name);
  return missed.length === 0 ? 'all met' : `missed: ${missed.join(', ')}`;
}

export function jsonReport(
  results: BenchResults,
  context: { latencyMs: number; entry: string; node: string },
): string {
  return JSON.stringify({ ...context, ...results }, null, 2) + '\n';
}
