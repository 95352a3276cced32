import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { issueDeviceToken, parseDeviceToken, tokenMatches } from '../../../shared/domain/device-token.js';

describe('device tokens', () => {
  it('issues <deviceId>.<43-character base64url secret> and keeps only sha256(secret)', () => {
    const { token, tokenHash } = issueDeviceToken('d-abc');
    expect(token).toMatch(/^d-abc\.[A-Za-z0-9_-]{43}$/);
    const secret = token.split('.')[1] ?? '';
    expect(tokenHash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(tokenHash).not.toContain(secret);
  });

  it('issues a different secret every time', () => {
    expect(issueDeviceToken('d-abc').token).not.toBe(issueDeviceToken('d-abc').token);
  });

  it('refuses a device id that could not be parsed back', () => {
    expect(() => issueDeviceToken('d.abc')).toThrow();
    expect(() => issueDeviceToken('')).toThrow();
  });

  it('round-trips through parse and match', () => {
    const { token, tokenHash } = issueDeviceToken('d-abc');
    const parsed = parseDeviceToken(token);
    expect(parsed?.deviceId).toBe('d-abc');
    expect(parsed !== undefined && tokenMatches(parsed.secret, tokenHash)).toBe(true);
  });

  it('does not match another secret or a malformed hash', () => {
    const { tokenHash } = issueDeviceToken('d-abc');
    const other = parseDeviceToken(issueDeviceToken('d-abc').token);
    expect(other !== undefined && tokenMatches(other.secret, tokenHash)).toBe(false);
    expect(other !== undefined && tokenMatches(other.secret, 'short')).toBe(false);
  });

  it.each([
    '',
    'no-dot',
    'd-abc.',
    '.secret',
    `d-abc.${'a'.repeat(42)}`,
    `d abc.${'a'.repeat(43)}`,
    `d-abc.${'+'.repeat(43)}`,
  ])('parses %j as not a token', (token) => {
    expect(parseDeviceToken(token)).toBeUndefined();
  });
});
