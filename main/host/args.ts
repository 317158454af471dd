import { dataDirArg } from '../backend/store/data-dir';

export interface HostArgs {
  /** 0 = any free port */
  port: number;
  dataDir: string | undefined;
}

/** `--port N` / `--port=N` and `--data-dir D`; throws a message naming the bad argument. */
export function parseHostArgs(argv: readonly string[]): HostArgs {
  let portText: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--port') portText = argv[i + 1] ?? '';
    else if (a.startsWith('--port=')) portText = a.slice('--port='.length);
  }
  let port = 0;
  if (portText !== undefined) {
    port = Number(portText);
    if (!/^\d+$/.test(portText) || port > 65535) throw new Error(`--port must be a number from 0 to 65535 (0 = any free port), not "${portText}"`);
  }
  return { port, dataDir: dataDirArg(argv) };
}
