/**
 * The desktop app's BrokerUrlKeeper: the broker URL encrypted with Electron's `safeStorage` (the
 * OS keychain: Keychain on macOS, DPAPI on Windows, libsecret/kwallet on Linux) in a file of the
 * user data folder. Kept thin: the Electron binary cannot run on the build machines, so this file
 * is untested there (docs/live.md says so); the interface and the memory keeper are tested.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { safeStorage } from 'electron';
import type { BrokerUrlKeeper } from '../backend/live/broker-url-keeper';

export class KeychainBrokerUrlKeeper implements BrokerUrlKeeper {
  readonly kind = 'keychain' as const;
  private readonly file: string;

  constructor(userDataDir: string) {
    this.file = path.join(userDataDir, 'broker-url.enc');
  }

  load(): string | null {
    if (!existsSync(this.file)) return null;
    if (!safeStorage.isEncryptionAvailable()) throw new Error(`the OS keychain is not available, so the remembered broker URL in ${this.file} cannot be decrypted`);
    try {
      return safeStorage.decryptString(readFileSync(this.file));
    } catch (e) {
      throw new Error(`the remembered broker URL in ${this.file} cannot be decrypted (${(e as Error).message}): enter it again`, { cause: e });
    }
  }

  save(url: string | null): void {
    if (url === null) {
      rmSync(this.file, { force: true });
      return;
    }
    if (!safeStorage.isEncryptionAvailable()) throw new Error('the OS keychain is not available (on Linux: a secret service such as gnome-keyring or kwallet), so the broker URL is not remembered');
    mkdirSync(path.dirname(this.file), { recursive: true });
    writeFileSync(this.file, safeStorage.encryptString(url), { mode: 0o600 });
  }
}
