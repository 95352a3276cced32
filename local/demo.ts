import { createCliContext } from '../cli/cli-context.js';
import { createDocumentClient } from '../shared/adapters/dynamodb-document-client.js';
import { DynamoDbLinkStore } from '../shared/adapters/dynamodb-link-store.js';
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
  simulator: GoogleHealthSimulator;
  stack: LocalStack;
  print: (text: string) => void;
}

const waitFor = async <T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T | undefined> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return undefined;
};

/**
 * The demo: what staff and a member's devices do in a first week.
 * 1. Staff enrol a member and register their blood-pressure monitor.
 * 2. The monitor uploads a week of readings, one of them dangerous; one upload is repeated.
 * 3. The member links their Fitbit once, on a phone; 30 days of wearable data arrive.
 * 4. The catch-up schedule notices the Fitbit has not synced for days.
 * Alerts appear in the care-team inbox as they are raised.
 */
export const runDemo = async ({ apiUrl, simulator, stack, print }: DemoOptions): Promise<void> => {
  const context = createCliContext();
  const now = new Date();
  const member = await enrolMember(
    { name: 'Demo Member', timezone: 'Europe/London', teamId: 'team-north' },
    context,
  );
  const device = await registerDevice(member.memberId, context);
  print(`demo: enrolled member ${member.memberId} and registered blood-pressure monitor ${device.deviceId}`);

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

  const fitbitUser = prepareDemoFitbit(simulator, now);
  const links = new DynamoDbLinkStore(createDocumentClient(), requireEnv(ENV.directoryTable));
  const invitation = await createInvitation(member.memberId, {
    ...context,
    invitations: links,
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
  await new Promise((resolve) => setTimeout(resolve, 1500));
  print(
    `demo: done. See it with: npx pulse-relay readings list --member ${member.memberId} --metric blood-pressure` +
      ` | npx pulse-relay alerts list --member ${member.memberId}`,
  );
};
