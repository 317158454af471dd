/**
 * The command registry: one file per command in this folder, one line here.
 * `eventflow help` lists them in this order.
 */
import type { CliCommand } from '../command';
import { runCommand } from './run';

export const commands: readonly CliCommand[] = [
  runCommand,
];
