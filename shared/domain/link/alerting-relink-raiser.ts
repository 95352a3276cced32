import { buildRelinkAlert } from '../alerts/link-needs-relink.js';
import { type AlertOutboxPorts, raiseAlerts } from '../alerts/raise-alerts.js';
import { UnknownMemberError } from '../members/unknown-member-error.js';
import type { MemberReader } from '../ports/member-reader.js';
import type { RelinkAlertRaiser } from './relink-alert-raiser.js';

/** Raises the link-needs-relink staff task through the alerts outbox (once per member-local day). */
export const alertingRelinkRaiser = (
  directory: MemberReader,
  ports: AlertOutboxPorts,
): RelinkAlertRaiser => ({
  async raiseNeedsRelink(memberId: string, at: Date): Promise<void> {
    const member = await directory.getMember(memberId);
    if (member === undefined) throw new UnknownMemberError(memberId);
    await raiseAlerts(ports, [
      buildRelinkAlert({
        memberId,
        memberName: member.name,
        detectedAt: at.toISOString(),
        timezone: member.timezone,
      }),
    ]);
  },
});
