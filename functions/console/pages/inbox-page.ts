import type { Alert, AlertRule, AlertSeverity } from '../../../shared/domain/alert.js';
import { type AlertStatusFilter, RULE_LABELS, SEVERITY_LABELS } from '../alert-view.js';
import { alertCard } from './alert-card.js';
import { html, type SafeHtml } from './html.js';

export interface InboxFilters {
  rule?: AlertRule;
  severity?: AlertSeverity;
  status: AlertStatusFilter;
}

const STATUS_LABELS: Record<AlertStatusFilter, string> = {
  open: 'Needs action (open)',
  acknowledged: 'Acknowledged',
  snoozed: 'Snoozed',
  resolved: 'Resolved',
  all: 'All',
};

const option = (value: string, label: string, selected: boolean) =>
  html`<option value="${value}"${selected ? html` selected` : ''}>${label}</option>`;

const NOTICES: Record<string, string> = {
  acknowledged: 'Alert acknowledged.',
  snoozed: 'Alert snoozed.',
};

export const inboxBody = (input: {
  alerts: readonly Alert[];
  filters: InboxFilters;
  now: Date;
  csrfToken: string;
  returnTo: string;
  notice?: string;
  teams: readonly string[];
}): SafeHtml => {
  const { filters } = input;
  const notice = input.notice === undefined ? undefined : NOTICES[input.notice];
  return html`<h1>Alerts for ${input.teams.join(' and ')}</h1>${
    notice === undefined ? '' : html`<p class="notice" role="status">${notice}</p>`
  }<form class="filters" method="get" action="/console"><div><label for="f-rule">Rule</label><select id="f-rule" name="rule">${option('', 'Any rule', filters.rule === undefined)}${Object.entries(RULE_LABELS).map(([rule, label]) => option(rule, label, filters.rule === rule))}</select></div><div><label for="f-severity">Severity</label><select id="f-severity" name="severity">${option('', 'Any severity', filters.severity === undefined)}${Object.entries(SEVERITY_LABELS).map(([severity, label]) => option(severity, label, filters.severity === severity))}</select></div><div><label for="f-status">Status</label><select id="f-status" name="status">${Object.entries(STATUS_LABELS).map(([status, label]) => option(status, label, filters.status === status))}</select></div><button type="submit">Show</button></form><h2>${input.alerts.length} alert${input.alerts.length === 1 ? '' : 's'}</h2>${
    input.alerts.length === 0
      ? html`<p>Nothing to show with these filters.</p>`
      : input.alerts.map((alert) =>
          alertCard(alert, {
            now: input.now,
            csrfToken: input.csrfToken,
            returnTo: input.returnTo,
            showMember: true,
          }),
        )
  }`;
};
