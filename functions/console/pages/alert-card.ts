import type { Alert } from '../../../shared/domain/alert.js';
import { ageOf, alertStatusOf, historyOf, ruleLabel, SEVERITY_LABELS, ukTime } from '../alert-view.js';
import { html, type SafeHtml } from './html.js';

const SNOOZE_CHOICES = [
  { value: '1h', label: 'For 1 hour' },
  { value: '4h', label: 'For 4 hours' },
  { value: 'tomorrow', label: 'Until 9am tomorrow' },
  { value: '3d', label: 'For 3 days' },
];

/** One alert with its explanation, history and, while it is open, the acknowledge and snooze forms. */
export const alertCard = (
  alert: Alert,
  options: { now: Date; csrfToken: string; returnTo: string; showMember: boolean },
): SafeHtml => {
  const status = alertStatusOf(alert, options.now);
  const id = `a-${Buffer.from(alert.alertKey).toString('base64url')}`;
  const hidden = html`<input type="hidden" name="csrf" value="${options.csrfToken}"><input type="hidden" name="alertKey" value="${alert.alertKey}"><input type="hidden" name="memberId" value="${alert.memberId}"><input type="hidden" name="returnTo" value="${options.returnTo}">`;
  return html`<article id="alert-${alert.alertKey}" class="alert ${alert.severity}" aria-labelledby="${id}-h"><h3 id="${id}-h"><span class="tag ${alert.severity}">${SEVERITY_LABELS[alert.severity] ?? alert.severity}</span>${ruleLabel(alert.rule)}${
    options.showMember
      ? html` – <a href="/console/members/${encodeURIComponent(alert.memberId)}">${alert.memberName ?? alert.memberId}</a>`
      : ''
  }</h3><p class="meta">Raised ${ageOf(alert.raisedAt, options.now)} (${ukTime(alert.raisedAt)}) · Status: <strong>${status}</strong></p><p>${alert.explanation}</p>${
    alert.qualityFlags.length > 0 ? html`<p class="meta">Quality: ${alert.qualityFlags.join('; ')}</p>` : ''
  }<details><summary>What has happened with this alert</summary><ul>${historyOf(alert).map((entry) => html`<li>${ukTime(entry.at)}: ${entry.text}</li>`)}</ul><p class="meta">Guidance: ${alert.guidance.name}</p></details>${
    alert.status === 'open'
      ? html`<div class="actions"><form method="post" action="/console/alerts/acknowledge">${hidden}<label for="${id}-note">Note (optional)</label><textarea id="${id}-note" name="note" maxlength="500"></textarea><button class="primary" type="submit">Acknowledge</button></form><form method="post" action="/console/alerts/snooze">${hidden}<label for="${id}-until">Snooze</label><select id="${id}-until" name="until">${SNOOZE_CHOICES.map(
          (choice) => html`<option value="${choice.value}">${choice.label}</option>`,
        )}</select><label for="${id}-reason">Reason (required)</label><textarea id="${id}-reason" name="reason" maxlength="500" required></textarea><button type="submit">Snooze</button></form></div>`
      : ''
  }</article>`;
};
