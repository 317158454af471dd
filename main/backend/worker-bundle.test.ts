import { expect, it } from 'vitest';
import { unpackedPath } from './worker-bundle';

it('maps a worker inside the packaged app archive to its unpacked copy, and leaves other paths alone', () => {
  expect(unpackedPath('/opt/EventFlow Studio/resources/app.asar/dist/main/run-worker.cjs')).toBe('/opt/EventFlow Studio/resources/app.asar.unpacked/dist/main/run-worker.cjs');
  expect(unpackedPath('C:\\Program Files\\EventFlow\\resources\\app.asar\\dist\\main\\run-worker.cjs')).toBe('C:\\Program Files\\EventFlow\\resources\\app.asar.unpacked\\dist\\main\\run-worker.cjs');
  expect(unpackedPath('/work/main/dist/main/run-worker.cjs')).toBe('/work/main/dist/main/run-worker.cjs');
  expect(unpackedPath('/tmp/my.asarfile/run-worker.cjs')).toBe('/tmp/my.asarfile/run-worker.cjs');
});
