import { setTimeout as sleep } from 'node:timers/promises';
import { createCliContext } from '../cli/cli-context.js';
import { teamChannelsSet } from '../cli/commands/team-commands.js';
import { createDocumentClient } from '../shared/adapters/dynamodb-document-client.js';
import { DynamoDbInvitationStore } from '../shared/adapters/dynamodb-invitation-store.js';
import { DynamoDbLinkStore } from '../shared/adapters/dynamodb-link-store.js';
import type { Alert } from '../shared/domain/alert.js';
import { acknowledgeAlert } from '../shared/domain/alerts/acknowledge-alert.js';
import { createInvitation } from '../shared/domain/link/create-invitation.js';
import { enrolMember } from '../shared/domain/members/enrol-member.js';
import { registerDevice } from '../shared/domain/members/register-device.js';
import { METRICS } from '../shared/domain/metric.js';
import { ENV, requireEnv } from '../shared/runtime/environment.js';
import { demoBloodPressureWeek } from './demo-blood-pressure-week.js';
import { followInvitationLikeAPhone, prepareDemoFitbit } from './demo-wearable.js';
import type { GoogleHealthSimulator } from './google-health-simulator/simulator.js';
import type { LocalStack } from './local-stack.js';

interface DemoOptions {
  apiUrl: string;
  /** Undefined when the stack talks to a real (or other compatible) Google: the wearable part is skipped. */
  simulator: GoogleHealthSimulator | undefined;
  stack: LocalStack;
  print: (text: string) => void;
}

const waitFor = async <T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T | undefined> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(250);
  }
  return undefined;
};

const DAY_MS = 86_400_000;

/** The demo member's care team; its alerts go to one team mailbox (no health values: the default). */
export const DEMO_TEAM = 'team-north';
export const DEMO_TEAM_EMAIL = 'care-team@example.org';

const postReadings = async (apiUrl: string, token: string, readings: unknown[]) => {
  const response = await fetch(`${apiUrl}/v1/blood-pressure`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ readings }),
  });
  return (await response.json()) as { summary?: Record<string, number> };
};

const reading = (systolic: number, diastolic: number, at: Date) => ({
  systolic,
  diastolic,
  unit: 'mmHg',
  measuredAt: at.toISOString(),
});

/**
 * The demo: what staff and a member's devices do in a first week, and the alert lifecycle.
 * 0. The demo care team says where it wants alerts: a team mailbox (the local SMTP server receives it).
 * 1. Staff enrol a member into the team; their blood-pressure monitor was registered eight days ago.
 * 2. The monitor uploads a week of readings, one of them dangerous; one upload is repeated. The
 *    dangerous one raises an alert; the normal readings after it resolve it.
 * 3. Today: a very high morning reading, then a worse one in the evening: one alert, then an escalation.
 *    A care worker acknowledges it.
 * 4. A replacement monitor uploads its 45-day memory: one baseline summary, no individual alerts.
 * 5. The member links their Fitbit once, on a phone; 30 days of wearable data arrive.
 * 6. The catch-up schedule notices the Fitbit has not synced for days.
 * Alerts appear in the care-team inbox as they are sent, and as emails in the team's mailbox.
 */
export const runDemo = async ({ apiUrl, simulator, stack, print }: DemoOptions): Promise<void> => {
  const context = createCliContext();
  const now = new Date();
  await teamChannelsSet({ team: DEMO_TEAM, email: DEMO_TEAM_EMAIL, by: 'demo' }, context);
  print(
    `demo: care team ${DEMO_TEAM} gets alerts by email at ${DEMO_TEAM_EMAIL}: severity, member reference ` +
      'and a console link, no health values (a team can opt into full content for nhs.net addresses)',
  );
  const member = await enrolMember(
    { name: 'Demo Member', timezone: 'Europe/London', teamId: DEMO_TEAM },
    context,
  );
  // Registered eight days ago, so this week's readings are monitoring, not a baseline.
  const device = await registerDevice(member.memberId, {
    ...context,
    clock: { now: () => new Date(now.getTime() - 8 * DAY_MS) },
  });
  print(
    `demo: enrolled member ${member.memberId}; their blood-pressure monitor ${device.deviceId} was registered 8 days ago`,
  );

  const uploads = demoBloodPressureWeek(now);
  const totals = { stored: 0, duplicate: 0, rejected: 0 };
  for (const upload of [...uploads, uploads[0]]) {
    if (upload === undefined) continue;
    const response = await fetch(`${apiUrl}/v1/blood-pressure`, {
      method: 'POST',
      headers: { authorization: `Bearer ${device.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(upload.body),
    });
    const result = (await response.json()) as { summary?: typeof totals };
    for (const key of Object.keys(totals) as Array<keyof typeof totals>)
      totals[key] += result.summary?.[key] ?? 0;
  }
  print(
    `demo: uploaded ${uploads.length + 1} sessions of readings (the first one twice): ` +
      `${totals.stored} stored, ${totals.duplicate} duplicate, ${totals.rejected} rejected`,
  );

  const waitForAlert = (rule: Alert['rule'], test: (alert: Alert) => boolean) =>
    waitFor(async () => {
      const alerts = await context.alerts.list({ memberId: member.memberId });
      return alerts.find((alert) => alert.rule === rule && test(alert));
    }, 20_000);

  // Today: a very high morning reading, then a worse one this evening (or an hour ago).
  const morning = new Date(now.getTime() - 5 * 3_600_000);
  const evening = new Date(now.getTime() - 3_600_000);
  await postReadings(apiUrl, device.token, [reading(184, 102, morning)]);
  await waitForAlert('bp-severe', (alert) => alert.status === 'open');
  await postReadings(apiUrl, device.token, [reading(228, 126, evening)]);
  const escalated = await waitForAlert('bp-severe', (alert) =>
    alert.notifications.some((n) => n.kind === 'escalated'),
  );
  print(
    escalated === undefined
      ? 'demo: the escalation has not been evaluated yet; see alerts list'
      : `demo: 184/102 this morning raised one urgent alert; 228/126 later escalated it (tier ${escalated.tier})`,
  );
  if (escalated !== undefined) {
    const acknowledged = await acknowledgeAlert(context, {
      alertKey: escalated.alertKey,
      by: 'Demo Care Worker',
      note: 'Phoned the member; GP appointment booked for today',
    });
    print(
      `demo: a care worker acknowledged it (npx pulse-relay alerts ack --alert "${acknowledged.alertKey}" ` +
        '--by "Demo Care Worker" --note "..."); reminders stop unless it gets worse',
    );
  }

  // A replacement monitor arrives with 45 days of readings in its memory, from before it was registered.
  const replacement = await registerDevice(member.memberId, context);
  const memory = Array.from({ length: 45 }, (_, index) => {
    const at = new Date(now.getTime() - (index + 10) * DAY_MS);
    return index % 9 === 0 ? reading(192, 104, at) : reading(142 + (index % 7), 86, at);
  });
  const imported = await postReadings(apiUrl, replacement.token, memory);
  const baselineAt = Date.now();
  print(
    `demo: a replacement monitor uploaded its 45-day memory (${imported.summary?.stored ?? 0} stored): ` +
      'old readings page no one; they become one baseline summary, sent once the import is complete',
  );

  if (simulator === undefined) {
    print(
      'demo: wearable part skipped: GOOGLE_CLIENT_ID is set, so Fitbit data comes from that Google, not the simulator',
    );
    print(
      `demo: done. See it with: npx pulse-relay readings list --member ${member.memberId} --metric blood-pressure`,
    );
    return;
  }
  const fitbitUser = prepareDemoFitbit(simulator, now);
  const links = new DynamoDbLinkStore(createDocumentClient(), requireEnv(ENV.directoryTable));
  const invitation = await createInvitation(member.memberId, {
    ...context,
    invitations: new DynamoDbInvitationStore(createDocumentClient(), requireEnv(ENV.directoryTable)),
    publicBaseUrl: requireEnv(ENV.publicBaseUrl),
  });
  print(`demo: staff invite the member to link their Fitbit: ${invitation.url}`);
  const phone = await followInvitationLikeAPhone(invitation.url);
  print(
    phone.ok
      ? `demo: the member consented at Google (simulated account ${fitbitUser.healthUserId}); linking is done`
      : 'demo: linking did not complete; see the errors above',
  );
  const synced = await waitFor(async () => (await links.get(member.memberId))?.lastSyncAt, 60_000);
  let wearableCount = 0;
  for (const metric of METRICS.filter((m) => m !== 'blood-pressure')) {
    wearableCount += (await context.readings.listRange({ memberId: member.memberId, metric })).length;
  }
  print(
    synced === undefined
      ? 'demo: the 30-day Fitbit backfill has not finished yet; it carries on in the background'
      : `demo: 30-day Fitbit backfill done: ${wearableCount} wearable items in the time series`,
  );

  await stack.triggerCatchUp();
  print('demo: the catch-up schedule ran; the Fitbit has not synced for 4 days');
  // The baseline summary is held briefly (ALERT_BASELINE_GROUP_WAIT_MINUTES) so one import is one message.
  await sleep(Math.max(0, baselineAt + 16_000 - Date.now()));
  await stack.triggerAlertFollowUp();
  await sleep(1500);
  print(
    `demo: done. See it with: npx pulse-relay readings list --member ${member.memberId} --metric blood-pressure` +
      ` | npx pulse-relay alerts list --member ${member.memberId}`,
  );
};
