/** A small, strict argv parser: known options only, `--name value` or `--name=value`. */
import { CliError, ExitCode } from './command';

export interface OptionSpec {
  /** takes a value (`--seed 42`); otherwise a boolean flag */
  value?: boolean;
  /** may be given several times; values collected in order */
  repeat?: boolean;
}

export interface ParsedArgs {
  positional: string[];
  values: Map<string, string[]>;
  flags: Set<string>;
}

export function parseArgs(args: readonly string[], spec: Record<string, OptionSpec>, usage: string): ParsedArgs {
  const out: ParsedArgs = { positional: [], values: new Map(), flags: new Set() };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      out.positional.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith('--') || a === '--') {
      out.positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    const s = spec[name];
    if (s === undefined) throw new CliError(ExitCode.usage, `unknown option --${name}\n\n${usage}`);
    if (!s.value) {
      if (eq >= 0) throw new CliError(ExitCode.usage, `--${name} takes no value`);
      out.flags.add(name);
      continue;
    }
    let v: string | undefined;
    if (eq >= 0) v = a.slice(eq + 1);
    else {
      v = args[i + 1];
      i++;
    }
    if (v === undefined || (eq < 0 && v.startsWith('--'))) throw new CliError(ExitCode.usage, `--${name} needs a value\n\n${usage}`);
    const list = out.values.get(name) ?? [];
    if (list.length > 0 && !s.repeat) throw new CliError(ExitCode.usage, `--${name} given twice`);
    list.push(v);
    out.values.set(name, list);
  }
  return out;
}

export function optionValue(p: ParsedArgs, name: string): string | undefined {
  return p.values.get(name)?.[0];
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** '1h', '90s', '2h30m', '500ms', '45' (seconds) -> milliseconds */
export function parseDuration(text: string, option: string): number {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t) * 1000;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;
  let total = 0;
  let pos = 0;
  for (let m = re.exec(t); m !== null; m = re.exec(t)) {
    total += Number(m[1]) * UNIT_MS[m[2]!]!;
    pos = re.lastIndex;
  }
  if (pos !== t.length || pos === 0) {
    throw new CliError(ExitCode.usage, `--${option} "${text}" is not a duration: use e.g. 90s, 15m, 1h, 2h30m`);
  }
  return total;
}
