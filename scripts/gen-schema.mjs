#!/usr/bin/env node
// Writes the files derived from the topology model (shared/model/generated-files.ts): the JSON
// Schema in resources/schema/ (and the lesson format's, shared/lessons/json-schema.ts), the starter templates in resources/templates/, and the generated
// sections of docs/model.md. `--check` only compares and exits 1 when a committed copy is stale.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');

async function load(entry) {
  const bundle = await build({ entryPoints: [join(root, entry)], bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'error' });
  return import(`data:text/javascript;base64,${Buffer.from(bundle.outputFiles[0].text).toString('base64')}`);
}
const mod = await load('shared/model/generated-files.ts');
const lessons = await load('shared/lessons/json-schema.ts');

const files = mod.generatedFiles();
files.push({ path: lessons.LESSON_SCHEMA_FILE, content: lessons.lessonJsonSchemaText() });
const docPath = join(root, mod.MODEL_DOC_PATH);
files.push({ path: mod.MODEL_DOC_PATH, content: mod.fillDocSections(readFileSync(docPath, 'utf8'), mod.modelDocSections()) });

const stale = [];
for (const f of files) {
  const abs = join(root, f.path);
  const old = existsSync(abs) ? readFileSync(abs, 'utf8') : null;
  if (old === f.content) continue;
  stale.push(f.path);
  if (!check) {
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, f.content);
  }
}
if (check && stale.length > 0) {
  console.error(`stale generated files (run \`npm run gen:schema\`):\n  ${stale.join('\n  ')}`);
  process.exit(1);
}
console.log(stale.length === 0 ? `${files.length} generated files up to date` : `wrote ${stale.join(', ')}`);
