// Preloaded into the action's process by the benchmarks (node --require): writes the process's peak resident
// memory to $BENCH_PEAK_RSS_FILE as it exits. VmHWM is this process's own high-water mark; resourceUsage().maxRSS
// is not, since Linux carries the parent's peak across fork and exec into it.
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');

const file = process.env.BENCH_PEAK_RSS_FILE;
if (file) {
  process.on('exit', () => {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    writeFileSync(file, match ? match[1] : '');
  });
}
