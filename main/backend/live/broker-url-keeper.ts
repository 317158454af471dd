/**
 * Where the app keeps the broker URL (with its credentials) between Live dialog sessions
 * (docs/live.md "Remembering the broker"). Never in the topology file nor the database. The
 * desktop app keeps it encrypted by the OS keychain (main/electron/broker-keychain.ts, Electron
 * `safeStorage`); tests and the web host keep it in this process's memory only.
 */
export interface BrokerUrlKeeper {
  /** 'keychain': encrypted with the OS keychain in the user data folder, kept across app sessions; 'memory': until this backend process ends */
  readonly kind: 'keychain' | 'memory';
  /** the remembered URL, or null; throws an Error saying why when it cannot be read back */
  load(): string | null;
  /** remembers the URL (null forgets it); throws an Error saying why when it cannot be kept */
  save(url: string | null): void;
}

/** The node implementation: this process's memory only (tests, the web host). */
export class MemoryBrokerUrlKeeper implements BrokerUrlKeeper {
  readonly kind = 'memory' as const;
  private url: string | null = null;

  load(): string | null {
    return this.url;
  }

  save(url: string | null): void {
    this.url = url;
  }
}
