import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, secureWebPreferences } from './security-policy';

const directives = new Map(CONTENT_SECURITY_POLICY.split(';').map((d) => {
  const [name, ...values] = d.trim().split(/\s+/);
  return [name, values] as const;
}));

describe('security defaults', () => {
  it('allows scripts only from the app itself: no inline, no eval, nothing remote', () => {
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
  });

  it('isolates and sandboxes the renderer', () => {
    const p = secureWebPreferences('/app/dist/main/preload.cjs', true);
    expect(p).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, webSecurity: true, allowRunningInsecureContent: false, webviewTag: false, devTools: false });
    expect(secureWebPreferences('/x', false).devTools).toBe(true);
  });
});
