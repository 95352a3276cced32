import { describe, expect, it } from 'vitest';
import { buildRelinkAlert } from '../../../../shared/domain/alerts/link-needs-relink.js';

describe('buildRelinkAlert', () => {
  it('builds a staff task keyed by the local date it was detected', () => {
    expect(
      buildRelinkAlert({
        memberId: 'm-1',
        memberName: 'Sam Example',
        detectedAt: '2026-06-01T23:15:00.000Z',
        timezone: 'Europe/London',
      }),
    ).toEqual({
      schemaVersion: '1.1',
      alertKey: 'm-1#link-needs-relink#2026-06-02',
      memberId: 'm-1',
      memberName: 'Sam Example',
      memberTimezone: 'Europe/London',
      rule: 'link-needs-relink',
      severity: 'staff-task',
      tier: 1,
      episode: '2026-06-02',
      raisedAt: '2026-06-01T23:15:00.000Z',
      status: 'open',
      readings: [],
      thresholds: {},
      explanation:
        "The member's wearable link stopped working at 00:15 BST on 2 Jun 2026, so no new wearable data can " +
        'arrive. What to do: help the member re-link their account at their next contact, within a week. ' +
        'This is a task for staff: please do not send the member an automated message.',
      guidance: {
        name: 'Google Account: third-party apps with account access (re-linking the wearable)',
        reference: 'https://support.google.com/accounts/answer/3466521',
      },
      qualityFlags: [],
      notifications: [
        {
          kind: 'raised',
          at: '2026-06-01T23:15:00.000Z',
          dedupeId: 'm-1#link-needs-relink#2026-06-02#raised-0',
          severity: 'staff-task',
          tier: 1,
        },
      ],
      revision: 1,
    });
  });

  it('omits the name when none is given', () => {
    const alert = buildRelinkAlert({
      memberId: 'm-2',
      detectedAt: '2026-06-01T10:00:00.000Z',
      timezone: 'UTC',
    });
    expect(alert).not.toHaveProperty('memberName');
  });
});
