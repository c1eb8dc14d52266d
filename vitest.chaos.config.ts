// npm run test:chaos: the fault matrix alone, with its own report (.ci/run prints its counts).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.chaos.test.ts'],
    setupFiles: ['test/helpers/no-proxy-env.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    reporters: ['dot', ['json', { outputFile: '.tmp/vitest-chaos-report.json' }]],
  },
});
