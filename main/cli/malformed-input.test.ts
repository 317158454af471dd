/**
 * Every command against hostile and broken input (issue #11): real files in a temp folder, the
 * real command code (runCli in-process for the matrix; the bundled CLI as a process for the
 * cases that could crash or hang a process). For each case: no stack trace, a message naming the
 * input and the reason, the documented exit code, and no output file (or temp file) left behind.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkoutTemplate } from '../../shared/model/templates/checkout';
import { bundleForTests } from '../test-support/bundle';
import { runCli } from './cli';
import { ExitCode } from './command';
import type { CliIo } from './command';

const dir = mkdtempSync(path.join(tmpdir(), 'eventflow-malformed-'));
chmodSync(dir, 0o755);
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (f: string): string => path.join(dir, f);

const topology = checkoutTemplate();
const good = JSON.stringify(topology, null, 2);
const bombLevels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
for (let i = 1; i < 12; i++) {
  const [n, p] = [String.fromCharCode(97 + i), String.fromCharCode(96 + i)];
  bombLevels.push(`${n}: &${n} [${Array(10).fill(`*${p}`).join(',')}]`);
}
const withNode = (patch: (t: ReturnType<typeof checkoutTemplate>) => void): string => {
  const t = checkoutTemplate();
  patch(t);
  return JSON.stringify(t);
};

/** input files: [name, content] (null content = made by setup below) */
const FILES: Record<string, string | Buffer | null> = {
  'good.json': good,
  'empty.json': '',
  'blank.json': '   \n\t\n',
  'truncated.json': good.slice(0, Math.floor(good.length / 2)),
  'null.json': 'null',
  'array.json': '[1, 2, 3]',
  'string.json': '"a topology"',
  'wrong-types.json': JSON.stringify({ ...topology, nodes: 'storefront', edges: 42 }),
  'future-version.json': JSON.stringify({ ...topology, schemaVersion: 999 }),
  'binary.json': Buffer.from([0x00, 0xff, 0xfe, 0x1b, 0x5b, 0x32, 0x4a, 0x07, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]),
  'trailing.json': `${good}\n}}} garbage`,
  'bomb.yaml': `asyncapi: 3.0.0\n${bombLevels.join('\n')}\n`,
  'deep.json': `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
  'asyncapi-number.yaml': 'asyncapi: 3\ninfo:\n  title: Orders\n  version: 1.0.0\nchannels: {}\n',
  'asyncapi-word.yaml': 'asyncapi: banana\ninfo:\n  title: Orders\n  version: 1.0.0\n',
  'asyncapi-list.yaml': 'asyncapi: [3, 0, 0]\ninfo:\n  title: Orders\n',
  'asyncapi-bad-channels.yaml': 'asyncapi: 3.0.0\ninfo:\n  title: Orders\n  version: 1.0.0\nchannels: 5\noperations: [1]\n',
  'asyncapi-broken.yaml': 'asyncapi: 3.0.0\ninfo:\n  title: [unclosed\n  version: 1.0.0\n',
  'openapi.yaml': 'openapi: 3.1.0\ninfo:\n  title: Pets\n  version: 1.0.0\npaths: {}\n',
  'dangling-edge.json': withNode((t) => t.edges.push({ id: 'e-ghost', kind: 'publish', source: 'storefront', target: 'ghost' })),
  'duplicate-ids.json': withNode((t) => t.nodes.push({ ...t.nodes[0]! })),
  'negative-time.json': withNode((t) => {
    const s = t.nodes.find((n) => n.kind === 'service')!;
    (s.settings as Record<string, unknown>)['processing'] = { kind: 'fixed', ms: -50 };
  }),
  'infinite.json': good.replace('"schemaVersion": 1', '"schemaVersion": 1e999'),
  'proto.json': `{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}, "schemaVersion": 1, "name": "p", "nodes": "x"}`,
  'huge.json': null,
  'a-folder.json': null,
  'fifo.json': null,
  'loop.json': null,
  // scenarios
  'scenario-negative.json': JSON.stringify({ durationSec: -60, faults: [{ kind: 'down', nodeId: 'payment', startSec: -10, endSec: -1 }] }),
  'scenario-truncated.json': '{"durationSec": 60, "faults": [',
  'scenario-null.json': 'null',
  'scenario-types.json': JSON.stringify({ durationSec: '60', seed: 'seven', faults: 'none' }),
  'scenario-ghost.json': JSON.stringify({ durationSec: 60, faults: [{ kind: 'down', nodeId: 'ghost', startSec: 1, endSec: 2 }] }),
  // data folders for `runs` and `run --save`
  'not-a-db/eventflow.sqlite': Buffer.from('this is not sqlite at all, just text'.repeat(20)),
  'truncated-db/eventflow.sqlite': Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(2000, 0xab)]),
  'plain-file': 'a file where a folder is expected',
  'keep.json': 'precious',
};

beforeAll(() => {
  for (const [name, content] of Object.entries(FILES)) {
    if (content === null) continue;
    mkdirSync(path.dirname(at(name)), { recursive: true });
    writeFileSync(at(name), content);
  }
  // 65 MB of nothing (sparse): bigger than any input limit, refused before it is read
  writeFileSync(at('huge.json'), '');
  truncateSync(at('huge.json'), 65 * 1024 * 1024);
  mkdirSync(at('a-folder.json'));
  mkdirSync(at('db-is-dir/eventflow.sqlite'), { recursive: true });
  spawnSync('mkfifo', [at('fifo.json')]);
  symlinkSync(at('loop.json'), at('loop.json'));
});

interface Case {
  argv: string[];
  code: ExitCode;
  /** the input or option the message must name */
  names: RegExp;
  /** the reason it must give */
  why: RegExp;
  /** a file the command must not leave behind */
  noFile?: string;
}

const STACK = /\n\s+at .+(:\d+:\d+|\(native\)|<anonymous>)|internal error|TypeError|ReferenceError/;

function io(): { io: CliIo; text: () => string } {
  let all = '';
  let t = 0;
  return {
    io: {
      out: (s) => void (all += s), err: (s) => void (all += s), isTty: false, columns: 100, cwd: dir,
      now: () => (t += 5), interrupted: { value: false }, env: { EVENTFLOW_DATA_DIR: at('default-data') },
    },
    text: () => all,
  };
}

function leftovers(): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.tmp'));
}

async function check(c: Case): Promise<void> {
  const { io: cliIo, text } = io();
  const code = await runCli(c.argv, cliIo);
  const out = text();
  expect(out, 'no stack trace').not.toMatch(STACK);
  // eslint-disable-next-line no-control-regex
  expect(out, 'no raw terminal control characters from the input').not.toMatch(/[\u0000-\u0008\u001b\u007f]/);
  expect(out, 'names the input').toMatch(c.names);
  expect(out, 'says why').toMatch(c.why);
  expect(code, out).toBe(c.code);
  if (c.noFile !== undefined) expect(existsSync(at(c.noFile)), `${c.noFile} left behind`).toBe(false);
  expect(leftovers()).toEqual([]);
}

const name = (f: string): RegExp => new RegExp(f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

/** what every command that reads one file must say about each bad file */
const BAD_FILES: [file: string, code: ExitCode, why: RegExp][] = [
  ['empty.json', ExitCode.dataError, /not valid JSON|empty/],
  ['blank.json', ExitCode.dataError, /not valid JSON|empty/],
  ['truncated.json', ExitCode.dataError, /not valid JSON|malformed|JSON/],
  ['null.json', ExitCode.dataError, /object|asyncapi/i],
  ['array.json', ExitCode.dataError, /object|asyncapi/i],
  ['string.json', ExitCode.dataError, /object|asyncapi/i],
  ['wrong-types.json', ExitCode.dataError, /nodes|edges|asyncapi/],
  ['future-version.json', ExitCode.dataError, /schemaVersion|newer|version/],
  ['binary.json', ExitCode.dataError, /not valid JSON|malformed|asyncapi|YAML|object/],
  ['trailing.json', ExitCode.dataError, /not valid JSON|malformed|JSON/],
  ['bomb.yaml', ExitCode.dataError, /alias|resource exhaustion|not valid JSON/],
  ['deep.json', ExitCode.dataError, /object|deeper|nest/],
  ['asyncapi-number.yaml', ExitCode.dataError, /version string|not valid JSON/],
  ['asyncapi-word.yaml', ExitCode.dataError, /not supported|not valid JSON/],
  ['asyncapi-list.yaml', ExitCode.dataError, /version string|not valid JSON/],
  ['asyncapi-bad-channels.yaml', ExitCode.dataError, /channels|operations|not valid JSON/],
  ['asyncapi-broken.yaml', ExitCode.dataError, /malformed YAML|not valid JSON|Flow sequence|YAML/],
  ['openapi.yaml', ExitCode.dataError, /OpenAPI|not valid JSON/],
  ['dangling-edge.json', ExitCode.dataError, /unknown node "ghost"|asyncapi/],
  ['duplicate-ids.json', ExitCode.dataError, /duplicate|twice|unique|asyncapi/i],
  ['negative-time.json', ExitCode.dataError, /processing|>=|negative|asyncapi/],
  ['infinite.json', ExitCode.dataError, /schemaVersion|number|asyncapi/i],
  ['proto.json', ExitCode.dataError, /nodes|asyncapi/],
  ['huge.json', ExitCode.dataError, /65\.0 MB; the limit is 64 MB/],
  ['a-folder.json', ExitCode.noInput, /is a directory/],
  ['missing.json', ExitCode.noInput, /no such file/],
  ['fifo.json', ExitCode.noInput, /not a regular file/],
  ['/dev/zero', ExitCode.noInput, /not a regular file/],
  ['loop.json', ExitCode.noInput, /symbolic links|ELOOP/],
];

function fileCases(command: (file: string) => string[], expect65: (file: string) => ExitCode = () => ExitCode.dataError): Case[] {
  return BAD_FILES.map(([file, code, why]) => ({ argv: command(file), code: code === ExitCode.dataError ? expect65(file) : code, names: name(file), why }));
}

const CASES: Record<string, Case[]> = {
  run: [
    ...fileCases((f) => ['run', f, '--duration', '1m', '--json', 'report.json']).map((c) => ({ ...c, noFile: 'report.json' })),
    { argv: ['run', 'good.json', '--bogus'], code: ExitCode.usage, names: /--bogus/, why: /unknown option/ },
    { argv: ['run', 'good.json', '--duration'], code: ExitCode.usage, names: /--duration/, why: /needs a value/ },
    { argv: ['run', 'good.json', '--duration', '--seed', '3'], code: ExitCode.usage, names: /--duration/, why: /needs a value/ },
    { argv: ['run', 'good.json', '--duration', 'soon'], code: ExitCode.usage, names: /--duration "soon"/, why: /not a duration/ },
    { argv: ['run', 'good.json', '--duration', '0'], code: ExitCode.usage, names: /--duration "0"/, why: /small|>0/ },
    { argv: ['run', 'good.json', '--duration', '100000000h'], code: ExitCode.usage, names: /--duration "100000000h"/, why: /big|<=/ },
    { argv: ['run', 'good.json', '--seed', '-1'], code: ExitCode.usage, names: /--seed "-1"/, why: /integer 0\.\.4294967295/ },
    { argv: ['run', 'good.json', '--seed', '4294967296'], code: ExitCode.usage, names: /--seed/, why: /integer 0\.\.4294967295/ },
    { argv: ['run', 'good.json', '--seed', '1', '--seed', '2'], code: ExitCode.usage, names: /--seed/, why: /given twice/ },
    { argv: ['run', 'good.json', '--speed', '0'], code: ExitCode.usage, names: /--speed "0"/, why: /factor from 0\.1 to 1000/ },
    { argv: ['run', 'good.json', '--speed', 'NaN'], code: ExitCode.usage, names: /--speed "NaN"/, why: /factor/ },
    { argv: ['run', 'good.json', '--fault', 'melt:payment:1-2'], code: ExitCode.usage, names: /melt:payment/, why: /unknown kind "melt"/ },
    { argv: ['run', 'good.json', '--fault', 'down:payment:50-10'], code: ExitCode.usage, names: /down:payment:50-10/, why: /after startSec/ },
    { argv: ['run', 'good.json', '--fault', 'down:payment:-5-10'], code: ExitCode.usage, names: /down:payment:-5-10/, why: /malformed/ },
    { argv: ['run', 'good.json', '--duration', '1m', '--fault', 'down:ghost:1-2'], code: ExitCode.dataError, names: /ghost/, why: /unknown node/ },
    { argv: ['run', 'good.json', '--snapshot-interval', '1ms', '--json', 'report.json'], code: ExitCode.usage, names: /snapshot interval 1 ms/, why: /more than 100,000 snapshots/, noFile: 'report.json' },
    { argv: ['run', 'good.json', '--max-events', '0'], code: ExitCode.usage, names: /--max-events "0"/, why: /positive integer/ },
    { argv: ['run', 'good.json', '--max-events', 'lots'], code: ExitCode.usage, names: /--max-events "lots"/, why: /positive integer/ },
    { argv: ['run', 'good.json', '--max-events', '-5'], code: ExitCode.usage, names: /--max-events "-5"/, why: /positive integer/ },
    { argv: ['run', 'good.json', '--scenario', 'scenario-negative.json'], code: ExitCode.dataError, names: /scenario-negative\.json/, why: /durationSec: Too small[\s\S]*faults\.0\.startSec/ },
    { argv: ['run', 'good.json', '--scenario', 'scenario-truncated.json'], code: ExitCode.dataError, names: /scenario-truncated\.json/, why: /not valid JSON/ },
    { argv: ['run', 'good.json', '--scenario', 'scenario-null.json'], code: ExitCode.dataError, names: /scenario-null\.json/, why: /a scenario is a JSON object/ },
    { argv: ['run', 'good.json', '--scenario', 'scenario-types.json'], code: ExitCode.dataError, names: /scenario-types\.json/, why: /durationSec[\s\S]*seed[\s\S]*faults/ },
    { argv: ['run', 'good.json', '--scenario', 'scenario-ghost.json'], code: ExitCode.dataError, names: /ghost/, why: /unknown node/ },
    { argv: ['run', 'good.json', '--scenario', 'a-folder.json'], code: ExitCode.noInput, names: /a-folder\.json/, why: /is a directory, not a file/ },
    { argv: ['run', 'good.json', '--scenario', 'nope.json'], code: ExitCode.noInput, names: /nope\.json/, why: /no such file/ },
    { argv: ['run', 'good.json', '--duration', '1m', '--json', 'a-folder.json'], code: ExitCode.cantCreate, names: /a-folder\.json/, why: /is a directory/ },
    { argv: ['run', 'good.json', '--duration', '1m', '--json', 'plain-file/report.json'], code: ExitCode.cantCreate, names: /plain-file/, why: /is a file, not a folder/ },
    { argv: ['run', 'good.json', '--duration', '1m', '--save', '--data-dir', 'plain-file'], code: ExitCode.cantCreate, names: /plain-file/, why: /in the way/ },
    { argv: ['run', 'good.json', '--duration', '1m', '--save', '--data-dir', 'not-a-db'], code: ExitCode.cantCreate, names: /not-a-db/, why: /not an SQLite database/ },
    { argv: ['run', 'good.json', '--data-dir', 'x'], code: ExitCode.usage, names: /--data-dir/, why: /only applies with --save/ },
    { argv: ['run', 'good.json', 'good.json'], code: ExitCode.usage, names: /topology file/, why: /expected one/ },
    { argv: ['run'], code: ExitCode.usage, names: /topology file/, why: /expected one/ },
  ],
  export: [
    ...fileCases((f) => ['export', f, '--format', 'mermaid', '--out', 'out.mmd']).map((c) => ({ ...c, noFile: 'out.mmd' })),
    { argv: ['export', 'good.json'], code: ExitCode.usage, names: /--format/, why: /is required/ },
    { argv: ['export', 'good.json', '--format'], code: ExitCode.usage, names: /--format/, why: /needs a value/ },
    { argv: ['export', 'good.json', '--format', 'pdf'], code: ExitCode.usage, names: /"pdf"/, why: /unknown format/ },
    { argv: ['export', 'good.json', '--format', 'svg', '--theme', 'blue'], code: ExitCode.usage, names: /--theme/, why: /light or dark/ },
    { argv: ['export', 'good.json', '--format', 'svg', '--select', 'ghost'], code: ExitCode.usage, names: /"ghost"/, why: /no node/ },
    { argv: ['export', 'good.json', '--format', 'json', '--out', 'a-folder.json'], code: ExitCode.cantCreate, names: /a-folder\.json/, why: /is a directory/ },
    { argv: ['export', 'good.json', '--format', 'json', '--out', 'a-folder.json', '--force'], code: ExitCode.cantCreate, names: /a-folder\.json/, why: /is a directory/ },
    { argv: ['export', 'good.json', '--format', 'json', '--out', 'plain-file/x.json'], code: ExitCode.cantCreate, names: /plain-file/, why: /is a file, not a folder/ },
    { argv: ['export', 'good.json', '--format', 'json', '--out', 'keep.json'], code: ExitCode.cantCreate, names: /keep\.json/, why: /--force/ },
    { argv: ['export', 'good.json', '--format', 'json', '--per-service=yes'], code: ExitCode.usage, names: /--per-service/, why: /takes no value/ },
    { argv: ['export', 'good.json', '--format', 'json', '--bogus'], code: ExitCode.usage, names: /--bogus/, why: /unknown option/ },
    { argv: ['export', 'good.json', 'good.json', '--format', 'json'], code: ExitCode.usage, names: /export <topology/, why: /usage/ },
  ],
  import: [
    ...fileCases((f) => ['import', f, '--out', 'imported.eventflow.json']).map((c) => ({ ...c, noFile: 'imported.eventflow.json' })),
    { argv: ['import'], code: ExitCode.usage, names: /import <asyncapi/, why: /usage/ },
    { argv: ['import', 'asyncapi-number.yaml', '--bogus'], code: ExitCode.usage, names: /--bogus/, why: /unknown option/ },
    { argv: ['import', 'asyncapi-number.yaml', '--out'], code: ExitCode.usage, names: /--out/, why: /needs a value/ },
    { argv: ['import', 'asyncapi-number.yaml', '--json=full'], code: ExitCode.usage, names: /--json/, why: /takes no value/ },
    { argv: ['import', 'a.yaml', 'b.yaml'], code: ExitCode.usage, names: /import <asyncapi/, why: /usage/ },
  ],
  validate: [
    ...fileCases((f) => ['validate', f]),
    { argv: ['validate'], code: ExitCode.usage, names: /validate <file>/, why: /usage/ },
    { argv: ['validate', 'good.json', '--bogus'], code: ExitCode.usage, names: /--bogus/, why: /unknown option/ },
    { argv: ['validate', 'good.json', '--json=1'], code: ExitCode.usage, names: /--json/, why: /takes no value/ },
    { argv: ['validate', 'good.json', 'good.json'], code: ExitCode.usage, names: /validate <file>/, why: /usage/ },
  ],
  runs: [
    ...['list', 'show 1', 'compare 1 2', 'export 1 --format json', 'rm 1'].flatMap((sub): Case[] => [
      { argv: ['runs', ...sub.split(' '), '--data-dir', 'plain-file'], code: ExitCode.noInput, names: /plain-file/, why: /in the way/ },
      { argv: ['runs', ...sub.split(' '), '--data-dir', 'not-a-db'], code: ExitCode.noInput, names: /not-a-db/, why: /not an SQLite database/ },
      { argv: ['runs', ...sub.split(' '), '--data-dir', 'truncated-db'], code: ExitCode.noInput, names: /truncated-db/, why: /corrupt|not an SQLite|integrity|malformed/ },
      { argv: ['runs', ...sub.split(' '), '--data-dir', 'db-is-dir'], code: ExitCode.noInput, names: /db-is-dir/, why: /cannot read|directory|EISDIR/i },
      { argv: ['runs', ...sub.split(' '), '--data-dir'], code: ExitCode.usage, names: /--data-dir/, why: /needs a value/ },
    ]),
    { argv: ['runs'], code: ExitCode.usage, names: /subcommand/, why: /missing/ },
    { argv: ['runs', 'frobnicate'], code: ExitCode.usage, names: /"frobnicate"/, why: /unknown subcommand/ },
    { argv: ['runs', 'show', 'abc'], code: ExitCode.usage, names: /"abc"/, why: /not a run id/ },
    { argv: ['runs', 'show', '0'], code: ExitCode.usage, names: /"0"/, why: /not a run id/ },
    { argv: ['runs', 'show', '99999999999999999999999'], code: ExitCode.usage, names: /"99999999999999999999999"/, why: /not a run id/ },
    { argv: ['runs', 'show', '424242', '--data-dir', 'fresh-data'], code: ExitCode.noInput, names: /424242/, why: /does not exist/ },
    { argv: ['runs', 'compare', '1'], code: ExitCode.usage, names: /compare/, why: /two run ids/ },
    { argv: ['runs', 'compare', '1', '2', '--fail-if', 'p99 >>> lots'], code: ExitCode.usage, names: /--fail-if/, why: /expected <metric> <op> <value>/ },
    { argv: ['runs', 'export', '1', '--format', 'pdf'], code: ExitCode.usage, names: /--format/, why: /html, csv or json/ },
    { argv: ['runs', 'export', '1'], code: ExitCode.usage, names: /--format/, why: /html, csv or json/ },
    { argv: ['runs', 'export', '1', '--format', 'html', '--theme', 'blue'], code: ExitCode.usage, names: /--theme/, why: /light or dark/ },
    { argv: ['runs', 'list', '--sort', 'vibes'], code: ExitCode.usage, names: /--sort "vibes"/, why: /one of/ },
    { argv: ['runs', 'list', '--bogus'], code: ExitCode.usage, names: /--bogus/, why: /unknown option/ },
    { argv: ['runs', 'rm'], code: ExitCode.usage, names: /rm/, why: /needs run ids/ },
    { argv: ['runs', 'rm', '1', '-3'], code: ExitCode.usage, names: /"-3"/, why: /not a run id/ },
  ],
};

describe.each(Object.entries(CASES))('eventflow %s refuses malformed input cleanly', (_command, cases) => {
  it(`has at least 30 cases`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });
  it.each(cases.map((c) => [c.argv.join(' '), c] as const))('%s', async (_label, c) => {
    await check(c);
  });
});

describe('the CLI as a process (no crash, hang or stack trace outside the command code)', () => {
  let cli = '';
  beforeAll(async () => {
    cli = await bundleForTests('cli');
  });
  const spawnCli = (argv: string[], opts: { uid?: number } = {}) =>
    spawnSync(process.execPath, [cli, ...argv], {
      cwd: dir, encoding: 'utf8', timeout: 30_000, env: { ...process.env, EVENTFLOW_DATA_DIR: at('default-data') },
      ...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.uid } : {}),
    });

  it.each([
    [['validate', 'asyncapi-number.yaml'], ExitCode.dataError, /asyncapi-number\.yaml:1:\d+ \/asyncapi: "asyncapi" must be a version string such as "3\.0\.0", not the number 3/],
    [['validate', 'bomb.yaml'], ExitCode.dataError, /bomb\.yaml.*alias/],
    [['validate', 'fifo.json'], ExitCode.noInput, /fifo\.json is not a regular file/],
    [['run', 'binary.json'], ExitCode.dataError, /binary\.json.*not valid JSON/],
    [['run', 'good.json', '--duration', '1m', '--json', 'a-folder.json'], ExitCode.cantCreate, /a-folder\.json is a directory/],
    [['runs', 'show', '99999999999999999999999'], ExitCode.usage, /not a run id/],
    [['frobnicate'], ExitCode.usage, /unknown command "frobnicate"/],
  ] as const)('%j', (argv, code, message) => {
    const r = spawnCli([...argv]);
    expect(r.error, 'the process ran and ended by itself').toBeUndefined();
    expect(r.stdout + r.stderr).not.toMatch(STACK);
    expect(r.stdout + r.stderr).toMatch(message);
    expect(r.status).toBe(code);
  });

  it('an unreadable file: exit 66 naming it (run as `nobody` when the tests run as root)', (ctx) => {
    writeFileSync(at('secret.json'), good);
    chmodSync(at('secret.json'), 0o000);
    const root = process.getuid?.() === 0;
    if (process.platform === 'win32') return ctx.skip('no POSIX permissions on Windows');
    // root reads any file: drop to `nobody` (uid 65534) for this one process
    const r = spawnCli(['validate', 'secret.json'], root ? { uid: 65534 } : {});
    if (r.error && /EPERM/.test(String(r.error))) return ctx.skip(`cannot run as a non-root user here (${String(r.error)}), so a permission error cannot be produced`);
    expect(r.stdout + r.stderr).not.toMatch(STACK);
    expect(r.stderr).toMatch(/secret\.json: cannot read: permission denied \(EACCES\)/);
    expect(r.status).toBe(ExitCode.noInput);
  });

  it('the report file of a refused run is not created, the kept file is untouched', () => {
    expect(readFileSync(at('keep.json'), 'utf8')).toBe('precious');
    expect(existsSync(at('report.json'))).toBe(false);
  });
});
