import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrCodeSvg } from '../../../../functions/console-invitations/qr-code-svg.js';

describe('qrCodeSvg', () => {
  it.each(['https://relay.example/v1/link/inv-0123456789abcdef', 'http://127.0.0.1:41234/v1/link/a'])(
    'draws exactly the SVG the full qrcode package draws for %s',
    async (url) => {
      const full = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      expect(qrCodeSvg(url)).toBe(full);
    },
  );

  it('is an SVG element with no embedded PNG', () => {
    const svg = qrCodeSvg('https://relay.example/v1/link/x');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 (\d+) \1"/);
    expect(svg).not.toContain('data:');
  });
});
