// qrcode's encoder and SVG renderer only. The package's entry point also loads its PNG, terminal and
// canvas renderers (and pngjs with them): a third of the console's bundle for a QR code drawn as SVG.
import { create } from 'qrcode/lib/core/qrcode.js';
import { render } from 'qrcode/lib/renderer/svg-tag.js';

/** An inline SVG QR code of the text: error correction M (15% damage), a two-module quiet zone. */
export const qrCodeSvg = (text: string): string =>
  render(create(text, { errorCorrectionLevel: 'M' }), { margin: 2 });
