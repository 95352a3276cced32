import { buildScopeRefusedAlert } from '../alerts/link-scope-refused.js';
import { type AlertOutboxPorts, raiseAlerts } from '../alerts/raise-alerts.js';
import type { MemberReader } from '../ports/member-reader.js';
import type { ConsentTaskRaiser } from './consent-task-raiser.js';
import { type DataScopeName, scopeNameOfDataType } from './google-scopes.js';

/** Raises one link-scope-refused staff task per refused scope through the alerts outbox. */
export const alertingConsentTaskRaiser = (
  directory: MemberReader,
  ports: AlertOutboxPorts,
): ConsentTaskRaiser => ({
  async raiseScopeRefused({ memberId, timezone, linkedAt, refusedTypes, at }) {
    const member = await directory.getMember(memberId);
    const byScope = new Map<DataScopeName, string[]>();
    for (const dataType of refusedTypes) {
      const scope = scopeNameOfDataType(dataType);
      byScope.set(scope, [...(byScope.get(scope) ?? []), dataType]);
    }
    await raiseAlerts(
      ports,
      [...byScope.entries()].map(([scope, dataTypes]) =>
        buildScopeRefusedAlert({
          memberId,
          ...(member?.name === undefined ? {} : { memberName: member.name }),
          timezone: member?.timezone ?? timezone,
          linkedAt,
          scope,
          dataTypes,
          detectedAt: at,
        }),
      ),
    );
  },
});
