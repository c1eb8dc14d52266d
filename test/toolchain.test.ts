import { describe, expect, it } from 'vitest';

describe('toolchain', () => {
  it('runs the suite on Node 24, the runtime GitHub uses for node24 actions', () => {
    expect(process.versions.node.startsWith('24.')).toBe(true);
  });
});
