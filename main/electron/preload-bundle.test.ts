import { build } from 'esbuild';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * A sandboxed preload may only require('electron') and has no __filename: bundle it the way
 * scripts/build.mjs does and check that nothing else slipped into its import graph.
 */
describe('preload bundle', () => {
  it('requires only electron', async () => {
    const out = await build({
      absWorkingDir: path.resolve(__dirname, '../..'),
      entryPoints: ['main/electron/preload.ts'],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'chrome130',
      external: ['electron'],
      write: false,
      logLevel: 'silent',
    });
    const code = out.outputFiles[0].text;
    const required = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect([...new Set(required)]).toEqual(['electron']);
    expect(code).not.toMatch(/__filename|__dirname|import\.meta/);
    expect(code.length).toBeLessThan(20_000); // the bridge stays small: no libraries in the preload
  });
});
