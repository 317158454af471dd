import { describe, expect, it } from 'vitest';
import { apiUrlFromLocation } from './ws-transport';

describe('apiUrlFromLocation', () => {
  it('builds the api address of the page it was loaded from, token included', () => {
    expect(apiUrlFromLocation({ protocol: 'http:', host: '127.0.0.1:4321', search: '?token=abc_-9', hash: '#/project/x' })).toEqual({ ok: true, url: 'ws://127.0.0.1:4321/api?token=abc_-9' });
  });

  it('explains what to do when the token is missing', () => {
    const r = apiUrlFromLocation({ protocol: 'http:', host: '127.0.0.1:4321', search: '', hash: '' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/access token/);
  });
});
