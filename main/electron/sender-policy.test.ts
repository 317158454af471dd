import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkSender, isAllowedNavigation, isOurRendererUrl, rendererUrl } from './sender-policy';

const indexHtml = path.resolve('/opt/EventFlow Studio/resources/app.asar/dist/renderer/index.html');
const ours = rendererUrl(indexHtml);
const trusted = { webContentsId: 7, indexHtmlPath: indexHtml };
const from = (url: string, over: Partial<{ webContentsId: number; isMainFrame: boolean }> = {}) => ({
  webContentsId: over.webContentsId ?? 7,
  frame: { url, isMainFrame: over.isMainFrame ?? true },
});

describe('IPC sender validation', () => {
  it('allows the main frame of our window showing our renderer, with any hash or query', () => {
    expect(checkSender(from(ours), trusted)).toEqual({ ok: true });
    expect(checkSender(from(`${ours}#/project/abc`), trusted)).toEqual({ ok: true });
    expect(checkSender(from(`${ours}?x=1`), trusted)).toEqual({ ok: true });
    expect(ours).toContain('EventFlow%20Studio'); // spaces in install paths are URL-encoded
  });

  it('refuses sub-frames, other windows, vanished frames and no window', () => {
    expect(checkSender(from(ours, { isMainFrame: false }), trusted)).toMatchObject({ ok: false, reason: expect.stringMatching(/sub-frame/) });
    expect(checkSender(from(ours, { webContentsId: 8 }), trusted)).toMatchObject({ ok: false, reason: expect.stringMatching(/not the application window/) });
    expect(checkSender({ webContentsId: 7, frame: null }, trusted)).toMatchObject({ ok: false, reason: expect.stringMatching(/gone/) });
    expect(checkSender(from(ours), undefined)).toMatchObject({ ok: false });
  });

  it('refuses remote pages and other local files', () => {
    for (const url of [
      'https://evil.example/index.html',
      'http://127.0.0.1:5173/',
      'devtools://devtools/bundled/inspector.html',
      'data:text/html,<script>1</script>',
      'about:blank',
      pathToFileURL(path.resolve('/tmp/index.html')).href,
      pathToFileURL(path.join(path.dirname(indexHtml), 'other.html')).href,
      `file://evil.example${new URL(ours).pathname}`,
      'not a url',
    ]) {
      expect(checkSender(from(url), trusted).ok, url).toBe(false);
    }
  });

  it('is not fooled by path tricks', () => {
    const sneaky = ours.replace('/dist/renderer/index.html', '/dist/renderer/../renderer/index.html');
    expect(isOurRendererUrl(sneaky, indexHtml)).toBe(true); // the same file, normalised by URL parsing
    expect(isOurRendererUrl(ours.replace('index.html', 'index.html%2F..%2Fx.html'), indexHtml)).toBe(false);
  });

  it('allows navigation only to our own page', () => {
    expect(isAllowedNavigation(`${ours}#/x`, indexHtml)).toBe(true);
    expect(isAllowedNavigation('https://example.com', indexHtml)).toBe(false);
  });
});
