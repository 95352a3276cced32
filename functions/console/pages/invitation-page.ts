import { ukTime } from '../alert-view.js';
import { html, type SafeHtml, trustedMarkup } from './html.js';

/** A new Fitbit link invitation: the QR code to scan from the console screen, and the address itself. */
export const invitationBody = (input: {
  memberName: string;
  memberId: string;
  url: string;
  expiresAt: string;
  qrSvg: string;
}): SafeHtml =>
  html`<p><a href="/console/members/${encodeURIComponent(input.memberId)}">← Back to ${input.memberName}</a></p><h1>Fitbit link for ${input.memberName}</h1><p>Ask ${input.memberName} to scan this code with their phone's camera, then follow the steps on the phone. It works once, until ${ukTime(input.expiresAt)}.</p><div class="qr" role="img" aria-label="QR code of the link below">${trustedMarkup(input.qrSvg)}</div><p>Or open this address on their phone:</p><p><code>${input.url}</code></p>`;
