// Entry of dist/main/cli.cjs (bin/eventflow.cjs). Everything testable lives in cli.ts.
import { nodeIo, runCli } from './cli';

void runCli(process.argv.slice(2), nodeIo()).then((code) => {
  process.exitCode = code;
});
