/**
 * Child process of crash.test.ts: opens a backend on argv[2] (data folder), starts a long
 * max-speed run of the checkout project in a worker and prints "run <id>"; the test SIGKILLs it.
 */
import { createBackend } from '../api';
import { openStore } from '../store';
import { checkoutTopology } from './test-support';

const [dataDir, workerFile] = process.argv.slice(2);
if (!dataDir || !workerFile) throw new Error('usage: crash-child <dataDir> <workerFile>');
const store = openStore({ dataDir });
const backend = createBackend(store, { transport: 'ipc', runs: { workerFile } });
const project = store.projects.create('Crash', checkoutTopology());
void backend.dispatch('runs.start', { projectId: project.id, scenario: { durationSec: 36_000, seed: 9 }, speed: 'max' }).then((r) => {
  process.stdout.write(`run ${(r as { runId: number }).runId}\n`);
});
