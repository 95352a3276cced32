import type { RefusedReadingReporter } from '../blood-pressure/ingest-readings.js';
import type { ThresholdStore } from '../ports/threshold-store.js';
import { mergeThresholds } from '../thresholds.js';
import { type AlertPorts, raiseAlerts } from './raise-alerts.js';
import { evaluateRefusedReading } from './reading-refused.js';

export interface RefusedReadingPorts extends AlertPorts {
  thresholds: Pick<ThresholdStore, 'getOverrides'>;
}

/**
 * The ingest side of reading-refused: reads the member's severe levels (valid overrides, else the defaults)
 * and raises a staff task for each refused item whose blood pressure reaches them, through the same
 * put-if-absent outbox as every other alert.
 */
export const refusedReadingReporter =
  (ports: RefusedReadingPorts): RefusedReadingReporter =>
  async ({ member, deviceId, receivedAt, items }) => {
    const thresholds = mergeThresholds(await ports.thresholds.getOverrides(member.memberId));
    const subject = {
      memberId: member.memberId,
      timezone: member.timezone,
      ...(member.name ? { name: member.name } : {}),
    };
    const alerts = items.flatMap((item) => {
      const alert = evaluateRefusedReading(item, { subject, deviceId, receivedAt, thresholds });
      return alert === undefined ? [] : [alert];
    });
    if (alerts.length > 0) await raiseAlerts(ports, alerts);
  };
