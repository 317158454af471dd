import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../backend/store';
import { desktopDataDir } from './app-options';

describe('desktop data folder', () => {
  const cwd = path.resolve('/work');
  it('is the same per-user folder the web host and CLI use', () => {
    expect(desktopDataDir(['electron', '.'], {}, cwd)).toBe(defaultDataDir(process.platform, {}, os.homedir()));
  });
  it('takes --data-dir in both spellings, relative to the working folder', () => {
    expect(desktopDataDir(['electron', '.', '--data-dir', 'tmp/ef'], {}, cwd)).toBe(path.join(cwd, 'tmp/ef'));
    expect(desktopDataDir(['electron', '.', '--data-dir=/x/y'], { EVENTFLOW_DATA_DIR: '/env' }, cwd)).toBe(path.resolve('/x/y'));
  });
  it('then EVENTFLOW_DATA_DIR', () => expect(desktopDataDir(['electron'], { EVENTFLOW_DATA_DIR: '/env' }, cwd)).toBe(path.resolve('/env')));
});
