// Types for the two qrcode modules qr-code-svg.ts imports directly (@types/qrcode covers the entry point).
declare module 'qrcode/lib/core/qrcode.js' {
  export interface QRCodeData {
    modules: { size: number; data: Uint8Array };
  }
  export function create(text: string, options: { errorCorrectionLevel: 'L' | 'M' | 'Q' | 'H' }): QRCodeData;
}

declare module 'qrcode/lib/renderer/svg-tag.js' {
  import type { QRCodeData } from 'qrcode/lib/core/qrcode.js';
  export function render(qrData: QRCodeData, options: { margin?: number; width?: number }): string;
}
