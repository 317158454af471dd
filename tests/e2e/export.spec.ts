/**
 * Export and import in the real UI: AsyncAPI documents dropped on the window become the canvas
 * (screenshots kept as artifacts), a broken one leaves the project unchanged with the line of the
 * problem, and File > Export downloads Mermaid and a PNG that are checked byte by byte.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { createProject, nodeEl, viewportSettled } from './canvas-helpers';
import { expect, snap, test } from './fixtures/host';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/asyncapi');

/** Drops a file on the window the way a desktop file manager does: dragenter, dragover, drop with a DataTransfer. */
async function dropFile(page: Page, name: string, text: string, mime = 'application/yaml'): Promise<void> {
  await page.evaluate(({ name, text, mime }) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], name, { type: mime }));
    const target = document.querySelector('.react-flow') ?? document.body;
    for (const type of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }
  }, { name, text, mime });
}

const cases = [
  { file: 'kafka-orders.asyncapi.yaml', nodes: ['orders', 'orderStatus', 'order-service', 'group-ordering'] },
  { file: 'amqp-shipping.asyncapi.yaml', nodes: ['shipment.requests', 'shipments', 'warehouse'] },
  { file: 'request-reply.asyncapi.json', nodes: ['paymentRequests', 'paymentReplies', 'payment-gateway-adapter'] },
];

test('AsyncAPI documents dropped on the window import onto the canvas', async ({ app }) => {
  await createProject(app, 'Imports');
  for (const c of cases) {
    await dropFile(app, c.file, readFileSync(path.join(fixtures, c.file), 'utf8'), c.file.endsWith('.json') ? 'application/json' : 'application/yaml');
    await expect(app.getByTestId('editor-banner')).toContainText(`Imported ${c.file}`);
    for (const id of c.nodes) await expect(nodeEl(app, id)).toBeVisible();
    await app.getByTestId('editor-banner').getByRole('button').first().click(); // the banner would hide the canvas
    await viewportSettled(app);
    await snap(app, `import-${c.file.replace(/\W+/g, '-')}`);
  }
});

test('the import shows the round-trip check: an export gives the whole contract back', async ({ app }) => {
  await createProject(app, 'Round trip');
  const file = 'payments-amqp-3.0.asyncapi.yaml';
  await dropFile(app, file, readFileSync(path.join(fixtures, file), 'utf8'));
  const banner = app.getByTestId('editor-banner');
  await expect(banner).toContainText(`Imported ${file}`);
  const rt = app.getByTestId('import-roundtrip');
  await expect(rt).toHaveAttribute('data-state', 'ok');
  await expect(rt).toContainText('Round trip: everything kept: 58 of 58 constructs came back unchanged (AsyncAPI 3.0.0)');
  await snap(app, 'import-roundtrip-everything-kept');
});

test('the import lists the round trip\'s differences of an edited document, each with its JSON pointer and why', async ({ app }) => {
  await createProject(app, 'Round trip differences');
  // a contract exported from the app after edits (x-eventflow-nodes), whose Kafka binding was then set back by hand:
  // the app's edit wins, so an export differs from the file in the binding
  const file = 'inventory-edited.asyncapi.yaml';
  const text = `${readFileSync(path.join(fixtures, 'inventory-kafka-2.6.asyncapi.yaml'), 'utf8')}x-eventflow-nodes:
  acme.orders.placed.v1:
    settings:
      partitions: 48
      retentionHours: 24
`;
  await dropFile(app, file, text);
  await expect(app.getByTestId('editor-banner')).toContainText(`Imported ${file}`);
  const rt = app.getByTestId('import-roundtrip');
  await expect(rt).toHaveAttribute('data-state', 'diff');
  await expect(rt).toContainText('Round trip: 55 of 57 constructs kept; 0 unexplained loss(es), 1 explained, 1 added (AsyncAPI 2.6.0)');
  const items = rt.locator('.ef-roundtrip__list li');
  await expect(items).toHaveText([
    '/channels/acme.orders.placed.v1/bindings/kafka/partitions (binding): changed 24 → 48 — explained: Kafka topic settings edited in the app',
    '/channels/acme.orders.placed.v1/bindings/kafka/topicConfiguration (binding): added {"retention.ms":86400000} — explained: Kafka topic settings edited in the app',
  ]);
  // the list is readable: inside the window, nothing cut off sideways
  const box = await rt.boundingBox();
  expect(box && box.x >= 0 && box.x + box.width <= 1280 && box.y + box.height <= 800).toBe(true);
  for (const li of await items.all()) {
    const overflow = await li.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
  }
  await snap(app, 'import-roundtrip-differences');
});

test('File > Import picks an AsyncAPI document from disk, one undo brings the old canvas back', async ({ app }) => {
  await createProject(app, 'Picked', /Event-driven checkout/);
  await expect(nodeEl(app, 'payment')).toBeVisible();
  const chooser = app.waitForEvent('filechooser');
  await app.getByRole('button', { name: 'Import AsyncAPI or .eventflow.json…' }).click();
  const file = 'amqp-shipping.asyncapi.yaml';
  await (await chooser).setFiles({ name: file, mimeType: 'application/yaml', buffer: readFileSync(path.join(fixtures, file)) });
  await expect(app.getByTestId('editor-banner')).toContainText(`Imported ${file}`);
  await expect(nodeEl(app, 'warehouse')).toBeVisible();
  await expect(nodeEl(app, 'payment')).toHaveCount(0);
  await app.getByRole('button', { name: 'Undo' }).click();
  await expect(nodeEl(app, 'payment')).toBeVisible();
  await expect(nodeEl(app, 'warehouse')).toHaveCount(0);

  // a 50 MB file is refused up front with its size and the limit; the canvas stays
  const huge = app.waitForEvent('filechooser');
  await app.getByRole('button', { name: 'Import AsyncAPI or .eventflow.json…' }).click();
  const hugeFile = test.info().outputPath('huge.eventflow.json');
  writeFileSync(hugeFile, Buffer.alloc(50 * 1024 * 1024, 32));
  await (await huge).setFiles(hugeFile);
  await expect(app.getByTestId('editor-banner')).toContainText('Cannot import huge.eventflow.json — the project is unchanged');
  await expect(app.getByTestId('editor-banner')).toContainText('the file is 50.0 MB; the limit is 20 MB');
  await expect(nodeEl(app, 'payment')).toBeVisible();
  rmSync(hugeFile); // not an artifact worth keeping
});

test('a broken document is refused with its line and the canvas is unchanged', async ({ app }) => {
  await createProject(app, 'Refused');
  await dropFile(app, 'kafka-orders.asyncapi.yaml', readFileSync(path.join(fixtures, 'kafka-orders.asyncapi.yaml'), 'utf8'));
  await expect(nodeEl(app, 'order-service')).toBeVisible();
  await dropFile(app, 'broken.yaml', 'asyncapi: 3.0.0\ninfo:\n  title: [oops\n');
  const banner = app.getByTestId('editor-banner');
  await expect(banner).toContainText('Cannot import broken.yaml — the project is unchanged');
  await expect(banner).toContainText(/broken\.yaml:\d+:\d+/);
  await expect(nodeEl(app, 'order-service')).toBeVisible();
  await snap(app, 'import-refused');
});

test('File > Export downloads Mermaid and a 2x PNG of the imported topology', async ({ app }) => {
  await createProject(app, 'Exports');
  await dropFile(app, 'kafka-orders.asyncapi.yaml', readFileSync(path.join(fixtures, 'kafka-orders.asyncapi.yaml'), 'utf8'));
  await expect(nodeEl(app, 'order-service')).toBeVisible();
  await app.getByTestId('open-export').click();
  const dialog = app.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  await expect(app.getByTestId('export-preview')).toContainText('asyncapi: 3.0.0');

  await app.getByTestId('export-format').selectOption('mermaid');
  await expect(app.getByTestId('export-preview')).toContainText('flowchart LR');
  const [mmd] = await Promise.all([app.waitForEvent('download'), app.getByTestId('export-download').click()]);
  expect(mmd.suggestedFilename()).toBe('Order-Service.mmd');
  const mermaid = readFileSync(await mmd.path(), 'utf8');
  expect(mermaid).toContain('subgraph n0["Ordering"]');
  expect(mermaid).toContain('-->|"OrderPlaced"|');

  await app.getByTestId('export-format').selectOption('png');
  await expect(app.getByTestId('export-preview').locator('img')).toBeVisible();
  await snap(app, 'export-dialog-png');
  const [png] = await Promise.all([app.waitForEvent('download'), app.getByTestId('export-download').click()]);
  expect(png.suggestedFilename()).toBe('Order-Service@2x.png');
  const bytes = readFileSync(await png.path());
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  const width = bytes.readUInt32BE(16);
  expect(width).toBeGreaterThan(600); // 2x of a three-column diagram
});

test('Export of an imported 2.6 contract: its own document per service, the Version field sets info.version', async ({ app }) => {
  await createProject(app, 'Per service');
  const file = 'inventory-kafka-2.6.asyncapi.yaml';
  await dropFile(app, file, readFileSync(path.join(fixtures, file), 'utf8'));
  await expect(nodeEl(app, 'inventory-service')).toBeVisible();
  await app.getByTestId('editor-banner').getByRole('button', { name: 'Dismiss' }).click();
  await app.getByTestId('open-export').click();
  const preview = app.getByTestId('export-preview');
  // the whole export is the contract itself, with its own version
  await expect(preview).toContainText('asyncapi: 2.6.0');
  await expect(preview).toContainText('version: 3.2.1');
  await expect(app.getByTestId('export-kept-note')).toHaveText('The imported AsyncAPI 2.6.0 document with the app\'s edits (servers, ids, bindings and schemas kept)');
  const version = app.getByTestId('export-doc-version');
  await expect(version).toHaveAttribute('placeholder', '3.2.1');
  await version.fill(' 3.3.0');
  await expect(app.getByTestId('export-doc-version-error')).toHaveText('Version: the version starts or ends with a space; the document keeps its own version');
  await expect(preview).toContainText('version: 3.2.1');
  await version.fill('3.3.0');
  await expect(app.getByTestId('export-doc-version-error')).toHaveCount(0);
  await expect(preview).toContainText('version: 3.3.0');
  await app.getByText('One document per service').click();
  const [dl] = await Promise.all([app.waitForEvent('download', (d) => d.suggestedFilename().endsWith('-inventory-service.asyncapi.yaml')), app.getByTestId('export-download').click()]);
  const text = readFileSync(await dl.path(), 'utf8');
  for (const needle of ['asyncapi: 2.6.0', 'id: urn:com:acme:fulfilment:inventory-service', 'version: 3.3.0', 'operationId: onOrderPlaced', 'url: broker-1.kafka.acme.internal:9093']) expect(text).toContain(needle);
  await snap(app, 'export-dialog-per-service-version');
});
