/**
 * The command registry: one file per command in this folder, one line here.
 * `eventflow help` lists them in this order.
 */
import type { CliCommand } from '../command';
import { exportCommand } from './export';
import { importCommand } from './import';
import { lessonsCommand } from './lessons';
import { liveCommand } from './live';
import { roundtripCommand } from './roundtrip';
import { runCommand } from './run';
import { runsCommand } from './runs';
import { sweepCommand } from './sweep';
import { validateCommand } from './validate';

export const commands: readonly CliCommand[] = [
  runCommand,
  runsCommand,
  sweepCommand,
  liveCommand,
  exportCommand,
  importCommand,
  roundtripCommand,
  validateCommand,
  lessonsCommand,
];
