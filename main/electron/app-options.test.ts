import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveDataDir } from './app-options';

describe('desktop data folder', () => {
  const userData = path.resolve('/home/ann/.config/EventFlow Studio');
  const cwd = path.resolve('/work');
  it('defaults to userData', () => expect(resolveDataDir(['electron', '.'], {}, userData, cwd)).toBe(userData));
  it('takes --data-dir in both spellings, relative to the working folder', () => {
    expect(resolveDataDir(['electron', '.', '--data-dir', 'tmp/ef'], {}, userData, cwd)).toBe(path.join(cwd, 'tmp/ef'));
    expect(resolveDataDir(['electron', '.', '--data-dir=/x/y'], { EVENTFLOW_DATA_DIR: '/env' }, userData, cwd)).toBe(path.resolve('/x/y'));
  });
  it('then EVENTFLOW_DATA_DIR', () => expect(resolveDataDir(['electron'], { EVENTFLOW_DATA_DIR: '/env' }, userData, cwd)).toBe(path.resolve('/env')));
  it('ignores a dangling flag', () => expect(resolveDataDir(['electron', '--data-dir'], {}, userData, cwd)).toBe(userData));
});
