import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from './external-links';

describe('links that may open in the user\'s browser', () => {
  it('allows https documentation links on the listed hosts', () => {
    expect(isAllowedExternalUrl('https://www.asyncapi.com/docs/reference/specification/v3.0.0')).toBe(true);
    expect(isAllowedExternalUrl('https://github.com/asyncapi/spec#readme')).toBe(true);
  });

  it('refuses other schemes, hosts, credentials, ports, look-alikes and garbage', () => {
    for (const url of [
      'http://www.asyncapi.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://evil.example/share', 'ms-msdt:/id PCWDiagnostic',
      'https://evil.example/', 'https://github.com.evil.example/', 'https://user:pw@github.com/', 'https://github.com:8443/',
      'https://127.0.0.1/', 'https://[::1]/', 'not a url', '', `https://github.com/${'a'.repeat(3000)}`,
    ]) expect(isAllowedExternalUrl(url), url).toBe(false);
  });
});
