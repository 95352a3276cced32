import { qualityFlagsOf } from '../../../shared/domain/alerts/quality-flags.js';
import { ageOf, ruleLabel, SEVERITY_LABELS, ukTime } from '../alert-view.js';
import { type ChartBand, type ChartPoint, trendChart } from '../charts/trend-chart.js';
import { type MemberRecord, PERIOD_DAYS } from '../member-record.js';
import { weeklyHomeAverages } from '../weekly-home-averages.js';
import { alertCard } from './alert-card.js';
import { html, type SafeHtml } from './html.js';

const dayLabel = (at: number): string =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'short' }).format(
    new Date(at),
  );
const dateLabel = (localDate: string): string => dayLabel(Date.parse(`${localDate}T12:00:00Z`));
const at = (iso: string): number => Date.parse(iso);
const localNoon = (localDate: string): number => Date.parse(`${localDate}T12:00:00Z`);

const BAND = { severe: '#f6d7d2', caution: '#fff2c7', low: '#dbe8f5' };

const bloodPressureChart = (record: MemberRecord): SafeHtml => {
  const bp = record.thresholds.bloodPressure;
  const flagged = (status: Parameters<typeof qualityFlagsOf>[0]) => qualityFlagsOf(status).length > 0;
  const bands: ChartBand[] = [
    {
      label: `Severe: systolic ${bp.severeSystolic} or more`,
      from: bp.severeSystolic,
      to: 260,
      fill: BAND.severe,
    },
    { label: 'NICE home stage 2: 150 or more', from: 150, to: bp.severeSystolic, fill: BAND.caution },
    ...(bp.lowSystolicEnabled
      ? [{ label: `Low: systolic under ${bp.lowSystolic}`, from: 40, to: bp.lowSystolic, fill: BAND.low }]
      : []),
  ];
  return trendChart({
    id: 'chart-blood-pressure',
    title: 'Blood pressure',
    unit: 'mmHg',
    from: record.from.getTime(),
    to: record.to.getTime(),
    format: (value) => `${value} mmHg`,
    formatDate: dayLabel,
    bands,
    series: [
      {
        label: 'Systolic',
        colour: '#1d4f91',
        points: record.bloodPressure.map((r) => ({
          at: at(r.measuredAt),
          value: r.systolic,
          flagged: flagged(r.status),
        })),
      },
      {
        label: 'Diastolic',
        colour: '#505a5f',
        dashed: true,
        points: record.bloodPressure.map((r) => ({
          at: at(r.measuredAt),
          value: r.diastolic,
          flagged: flagged(r.status),
        })),
      },
    ],
  });
};

const simpleChart = (
  record: MemberRecord,
  id: string,
  title: string,
  unit: string,
  points: ChartPoint[],
  format: (value: number) => string,
  bands: ChartBand[] = [],
): SafeHtml =>
  trendChart({
    id,
    title,
    unit,
    from: record.from.getTime(),
    to: record.to.getTime(),
    format,
    formatDate: dayLabel,
    bands,
    series: [{ label: title, colour: '#1d4f91', points }],
  });

const sleepByNight = (record: MemberRecord): ChartPoint[] => {
  const byDate = new Map<string, number>();
  for (const session of record.sleep) {
    if (session.nap) continue;
    byDate.set(session.localDate, (byDate.get(session.localDate) ?? 0) + session.minutesAsleep);
  }
  return [...byDate.entries()].map(([date, minutes]) => ({
    at: localNoon(date),
    value: Math.round((minutes / 60) * 10) / 10,
  }));
};

const wearableCharts = (record: MemberRecord): SafeHtml => {
  const hr = record.thresholds.restingHeartRate;
  const spo2 = record.thresholds.oxygenSaturation;
  return html`<div class="charts">${[
    simpleChart(
      record,
      'chart-resting-heart-rate',
      'Resting heart rate',
      'beats per minute',
      record.restingHeartRate.map((r) => ({ at: localNoon(r.localDate), value: r.beatsPerMinute })),
      (v) => `${v} bpm`,
      [
        { label: `Above ${hr.high}`, from: hr.high, to: 250, fill: BAND.caution },
        { label: `Below ${hr.low}`, from: 20, to: hr.low, fill: BAND.low },
      ],
    ),
    simpleChart(
      record,
      'chart-steps',
      'Daily steps',
      'steps',
      record.steps.map((r) => ({ at: localNoon(r.localDate), value: r.total })),
      (v) => `${v.toLocaleString('en-GB')} steps`,
    ),
    simpleChart(
      record,
      'chart-sleep',
      'Sleep duration',
      'hours asleep',
      sleepByNight(record),
      (v) => `${v} hours`,
    ),
    simpleChart(
      record,
      'chart-oxygen',
      'Overnight blood oxygen (SpO2)',
      '%',
      record.oxygen.map((r) => ({ at: localNoon(r.localDate), value: r.averagePercentage })),
      (v) => `${v}%`,
      [
        {
          label: `Urgent: ${spo2.urgentAtOrBelow}% or less`,
          from: 70,
          to: spo2.urgentAtOrBelow,
          fill: BAND.severe,
        },
        {
          label: `Watch: up to ${spo2.watchAtOrBelow}%`,
          from: spo2.urgentAtOrBelow,
          to: spo2.watchAtOrBelow,
          fill: BAND.caution,
        },
      ],
    ),
    simpleChart(
      record,
      'chart-weight',
      'Weight',
      'kg',
      record.weight.map((r) => ({ at: at(r.measuredAt), value: Math.round(r.kilograms * 10) / 10 })),
      (v) => `${v} kg`,
    ),
  ]}</div>`;
};

const BAND_WORDS = {
  'below-stage-1': 'below stage 1',
  'stage-1': 'stage 1 (135/85 or more)',
  'stage-2': 'stage 2 (150/95 or more)',
};

const homeAverages = (record: MemberRecord): SafeHtml => {
  const weeks = weeklyHomeAverages(record.bloodPressure, record.member.timezone);
  if (weeks.length === 0) return html`<p>No blood-pressure readings in this period.</p>`;
  return html`<table><caption class="visually-hidden">NICE home blood-pressure average per week</caption><thead><tr><th scope="col">Week starting</th><th scope="col">Readings</th><th scope="col">Home average (first day left out)</th></tr></thead><tbody>${weeks.map(
    (week) =>
      html`<tr><td>${dateLabel(week.weekStarting)}</td><td>${week.readings}</td><td>${
        week.average.status === 'complete'
          ? `${week.average.systolic}/${week.average.diastolic} mmHg – ${BAND_WORDS[week.average.band]}`
          : `Not enough days (${week.average.daysWithReadings} of ${week.average.daysNeeded} needed)`
      }</td></tr>`,
  )}</tbody></table>`;
};

const flaggedReadings = (record: MemberRecord): SafeHtml => {
  const flagged = record.bloodPressure.filter((r) => qualityFlagsOf(r.status).length > 0);
  if (flagged.length === 0) return html`<p>No readings were flagged by the monitor.</p>`;
  return html`<ul>${flagged.map((r) => html`<li>${ukTime(r.measuredAt)}: ${r.systolic}/${r.diastolic} mmHg – ${qualityFlagsOf(r.status).join('; ')}</li>`)}</ul>`;
};

const deviceFacts = (record: MemberRecord): SafeHtml => {
  const link = record.link;
  const lastBp = record.bloodPressure.at(-1);
  const LINK_WORDS = {
    linked: 'Linked',
    'needs-relink': 'Needs linking again',
    unlinked: 'Unlinked by staff',
  } as const;
  return html`<dl class="facts"><dt>Fitbit (Google Health)</dt><dd>${link === undefined ? 'Never linked' : LINK_WORDS[link.state]}${
    link?.linkedAt === undefined ? '' : `, since ${ukTime(link.linkedAt)}`
  }</dd><dt>Last Fitbit data</dt><dd>${link?.lastDataAt === undefined ? 'None yet' : `${ageOf(link.lastDataAt, record.to)} (${ukTime(link.lastDataAt)})`}</dd><dt>Types not shared at consent</dt><dd>${
    link?.refusedTypes === undefined
      ? 'Not recorded'
      : link.refusedTypes.length === 0
        ? 'None: everything was shared'
        : link.refusedTypes.join(', ')
  }</dd><dt>Blood-pressure monitor</dt><dd>${
    lastBp === undefined
      ? 'No readings in this period'
      : `Last reading ${ageOf(lastBp.measuredAt, record.to)} from ${lastBp.provenance.deviceId ?? 'an unnamed device'} (${lastBp.provenance.source})`
  }</dd></dl>`;
};

const thresholdTable = (record: MemberRecord): SafeHtml => {
  const t = record.thresholds;
  const o = record.overrides;
  const row = (label: string, value: string | number, overridden: boolean) =>
    html`<tr><th scope="row">${label}</th><td>${value}</td><td>${overridden ? 'Set for this member' : 'Guideline default'}</td></tr>`;
  return html`<table><caption class="visually-hidden">Alert thresholds</caption><thead><tr><th scope="col">Threshold</th><th scope="col">Value</th><th scope="col">Source</th></tr></thead><tbody>${[
    row(
      'Severe systolic (mmHg)',
      t.bloodPressure.severeSystolic,
      o?.bloodPressure?.severeSystolic !== undefined,
    ),
    row(
      'Severe diastolic (mmHg)',
      t.bloodPressure.severeDiastolic,
      o?.bloodPressure?.severeDiastolic !== undefined,
    ),
    row(
      'Low systolic (mmHg)',
      t.bloodPressure.lowSystolicEnabled ? t.bloodPressure.lowSystolic : 'off',
      o?.bloodPressure?.lowSystolic !== undefined || o?.bloodPressure?.lowSystolicEnabled !== undefined,
    ),
    row(
      'Resting heart rate low–high (bpm)',
      `${t.restingHeartRate.low}–${t.restingHeartRate.high}`,
      o?.restingHeartRate !== undefined,
    ),
    row(
      'Blood oxygen urgent at or below (%)',
      t.oxygenSaturation.urgentAtOrBelow,
      o?.oxygenSaturation?.urgentAtOrBelow !== undefined,
    ),
    row(
      'Blood oxygen watch at or below (%)',
      t.oxygenSaturation.watchAtOrBelow,
      o?.oxygenSaturation?.watchAtOrBelow !== undefined,
    ),
    row('No Fitbit data after (days)', t.noData.wearableDays, o?.noData !== undefined),
  ]}</tbody></table>`;
};

/** Who changed the member's thresholds, when, why, and what to review by: newest first. */
const thresholdHistory = (record: MemberRecord): SafeHtml =>
  record.thresholdHistory.length === 0
    ? html`<p>No changes: the guideline defaults have always applied.</p>`
    : html`<table><caption class="visually-hidden">Threshold override history</caption><thead><tr><th scope="col">Changed</th><th scope="col">By</th><th scope="col">Reason</th><th scope="col">Review by</th><th scope="col">Rules switched off</th></tr></thead><tbody>${record.thresholdHistory.map(
        (change) =>
          html`<tr><td>${ukTime(change.setAt)}</td><td>${change.setBy}</td><td>${change.reason}</td><td>${change.reviewBy}</td><td>${change.disabledRules.length === 0 ? 'none' : change.disabledRules.map(ruleLabel).join(', ')}</td></tr>`,
      )}</tbody></table>`;

const alertHistory = (record: MemberRecord): SafeHtml =>
  record.alerts.length === 0
    ? html`<p>No alerts.</p>`
    : html`<table><caption class="visually-hidden">Alert history</caption><thead><tr><th scope="col">Raised</th><th scope="col">Alert</th><th scope="col">Severity</th><th scope="col">Status</th></tr></thead><tbody>${record.alerts.map(
        (alert) =>
          html`<tr><td>${ukTime(alert.raisedAt)}</td><td>${ruleLabel(alert.rule)}</td><td>${SEVERITY_LABELS[alert.severity] ?? alert.severity}</td><td>${alert.status}${alert.acknowledgement === undefined ? '' : `, acknowledged by ${alert.acknowledgement.by}`}</td></tr>`,
      )}</tbody></table>`;

/** The record itself: shared by the screen page and the A4 print view. */
const recordSections = (record: MemberRecord): SafeHtml =>
  html`<h2>Blood pressure, last ${record.days} days</h2>${bloodPressureChart(record)}<h3>NICE home average per week</h3>${homeAverages(record)}<h3>Readings the monitor flagged</h3>${flaggedReadings(record)}<h2>Fitbit trends, last ${record.days} days</h2>${wearableCharts(record)}<h2>Devices</h2>${deviceFacts(record)}<h2>Alert thresholds</h2>${thresholdTable(record)}<h3>Threshold changes</h3>${thresholdHistory(record)}<h2>Alert history</h2>${alertHistory(record)}`;

/** The FHIR R4 search for the period shown: every exported type, as a downloadable Bundle. */
export const fhirExportPath = (record: MemberRecord): string =>
  `/fhir/R4/Observation?subject=${encodeURIComponent(record.member.memberId)}&date=ge${record.from.toISOString().slice(0, 10)}&date=le${record.to.toISOString().slice(0, 10)}`;

export const memberBody = (
  record: MemberRecord,
  options: { now: Date; csrfToken: string; notice?: string },
): SafeHtml => {
  const memberPath = `/console/members/${encodeURIComponent(record.member.memberId)}`;
  const open = record.alerts.filter((alert) => alert.status === 'open');
  return html`<p class="no-print"><a href="/console">← Inbox</a></p><h1>${record.member.name}</h1><p class="meta">Member ${record.member.memberId} · team ${record.member.teamId} · times in UK time</p>${
    options.notice === undefined ? '' : html`<p class="notice" role="status">${options.notice}</p>`
  }<nav class="no-print" aria-label="Period and print"><p>Show: ${PERIOD_DAYS.map((days) =>
    days === record.days
      ? html`<strong aria-current="page">${days} days</strong> `
      : html`<a href="${memberPath}?days=${days}">${days} days</a> `,
  )}· <a href="${memberPath}/print?days=${record.days}">Print view (A4)</a> · <a href="${fhirExportPath(record)}" download="${record.member.memberId}-observations.fhir.json">Export for GP (FHIR)</a></p></nav>${
    open.length === 0
      ? ''
      : html`<h2>Open alerts</h2>${open.map((alert) => alertCard(alert, { now: options.now, csrfToken: options.csrfToken, returnTo: memberPath, showMember: false }))}`
  }${recordSections(record)}<h2 class="no-print">Link a Fitbit</h2><form class="no-print" method="post" action="${memberPath}/invitations"><input type="hidden" name="csrf" value="${options.csrfToken}"><p>Creates a single-use link for the member's phone, shown here as a QR code.</p><button type="submit">Create Fitbit link invitation</button></form>`;
};

export const printBody = (record: MemberRecord, printedAt: Date, printedBy: string): SafeHtml =>
  html`<h1>${record.member.name}: health readings summary</h1><p>Member ${record.member.memberId} · period ${dayLabel(record.from.getTime())} to ${dayLabel(record.to.getTime())} · printed ${ukTime(printedAt.toISOString())} by ${printedBy}</p><p>From home monitoring shared with the member's support team. Not a diagnosis; for discussion with the GP.</p>${recordSections(record)}`;
