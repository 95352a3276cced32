import type { Alert } from '../../../../shared/domain/alert.js';
import { DEFAULT_ALERT_POLICY } from '../../../../shared/domain/alerts/alert-policy.js';
import { newAlert } from '../../../../shared/domain/alerts/new-alert.js';
import type { Device } from '../../../../shared/domain/device.js';
import type { Member } from '../../../../shared/domain/member.js';
import type { LinkStatus } from '../../../../shared/domain/ports/link-status-reader.js';
import type { Reading } from '../../../../shared/domain/reading.js';
import type { ThresholdOverrides } from '../../../../shared/domain/thresholds.js';
import { InMemoryMemberDirectory } from '../../../fakes/member-directory.js';
import { InMemoryReadingStore } from '../../../fakes/reading-store.js';
import { alertPorts } from './in-memory-alert-ports.js';

export const MEMBER: Member = {
  memberId: 'm-1',
  name: 'Sam Example',
  timezone: 'Europe/London',
  createdAt: '2026-01-01T00:00:00.000Z',
};

export interface PortsOptions {
  members?: Member[];
  overrides?: ThresholdOverrides;
  devices?: Device[];
  link?: Pick<LinkStatus, 'linkedAt'>;
  stored?: Reading[];
  now?: string;
}

/** StoredReadingPorts over in-memory fakes. */
export const storedReadingPorts = (options: PortsOptions = {}) => {
  const members = options.members ?? [MEMBER];
  const stored = options.stored ?? [];
  return {
    ...alertPorts(options.now),
    members: new InMemoryMemberDirectory(...members),
    devices: { getDevice: async (id: string) => options.devices?.find((d) => d.deviceId === id) },
    thresholds: { getOverrides: async () => options.overrides, setOverrides: async () => {} },
    readings: new InMemoryReadingStore().seed(...stored),
    links: {
      status: async () =>
        options.link === undefined ? undefined : { state: 'linked' as const, ...options.link },
    },
    policy: DEFAULT_ALERT_POLICY,
  };
};

/** An open, already-sent alert stored as the raise path would leave it. */
export const seedSentAlert = async (
  ports: ReturnType<typeof storedReadingPorts>,
  fields: Omit<Parameters<typeof newAlert>[0], 'subject'>,
): Promise<Alert> => {
  const alert = newAlert({ subject: { memberId: 'm-1', timezone: 'Europe/London' }, ...fields });
  const sent: Alert = {
    ...alert,
    publishedAt: fields.raisedAt.toISOString(),
    notifications: alert.notifications.map((n) => ({ ...n, publishedAt: fields.raisedAt.toISOString() })),
  };
  await ports.alerts.create(sent, fields.rule === 'wearable-no-data' ? `key:${sent.alertKey}` : fields.rule);
  return sent;
};
