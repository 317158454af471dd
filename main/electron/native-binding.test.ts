import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronNativeBinding, nativeBindingCandidates } from './native-binding';

describe('locating the Electron build of better-sqlite3', () => {
  it('uses .electron-native/ of the checkout in development', () => {
    const appPath = path.resolve('/src/eventflow');
    expect(nativeBindingCandidates({ appPath, resourcesPath: '/x', isPackaged: false })).toEqual([path.join(appPath, '.electron-native', 'better_sqlite3.node')]);
  });

  it('uses resources/native/ of a packaged app, then the unpacked asar copy', () => {
    const resourcesPath = path.resolve('/opt/EventFlow Studio/resources');
    const appPath = path.join(resourcesPath, 'app.asar');
    const c = nativeBindingCandidates({ appPath, resourcesPath, isPackaged: true });
    expect(c).toEqual([path.join(resourcesPath, 'native', 'better_sqlite3.node'), path.join(resourcesPath, 'app.asar.unpacked', '.electron-native', 'better_sqlite3.node')]);
    expect(electronNativeBinding({ appPath, resourcesPath, isPackaged: true, exists: (p) => p === c[1] })).toBe(c[1]);
  });

  it('returns undefined when no build exists (better-sqlite3 then explains the ABI mismatch)', () => {
    expect(electronNativeBinding({ appPath: '/nowhere', resourcesPath: '/nowhere', isPackaged: false, exists: () => false })).toBeUndefined();
  });
});
