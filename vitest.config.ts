import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The fault matrix (hundreds of runs) is npm run test:chaos, which .ci/run calls with a time bound.
    exclude: ['**/node_modules/**', 'test/**/*.chaos.test.ts'],
    setupFiles: ['test/helpers/no-proxy-env.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // The JSON report lets .ci/run print a plain "N passed, N failed" closing line.
    reporters: ['default', ['json', { outputFile: '.tmp/vitest-report.json' }]],
  },
});
