// Preloaded into the action's process by the benchmarks (node --require): writes to $BENCH_PROBE_FILE, as the
// process exits, its peak resident memory and when it created its first request (undici's diagnostics channel),
// in ms since the process started and in CPU ms spent by then, which a busy machine does not inflate.
// VmHWM is this process's own high-water mark; resourceUsage().maxRSS is not, since Linux carries the parent's
// peak across fork and exec into it.
'use strict';
const { subscribe } = require('node:diagnostics_channel');
const { readFileSync, writeFileSync } = require('node:fs');

const file = process.env.BENCH_PROBE_FILE;
if (file) {
  let firstRequest = null;
  subscribe('undici:request:create', () => {
    if (firstRequest) return;
    const cpu = process.cpuUsage();
    firstRequest = { sinceStartMs: performance.now(), cpuMs: (cpu.user + cpu.system) / 1000 };
  });
  process.on('exit', () => {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    writeFileSync(
      file,
      JSON.stringify({ peakRssKb: match ? Number(match[1]) : null, firstRequest }),
    );
  });
}
