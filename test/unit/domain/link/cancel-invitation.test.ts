import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../../../shared/domain/audit-record.js';
import { cancelInvitation } from '../../../../shared/domain/link/cancel-invitation.js';
import { startAuthorization } from '../../../../shared/domain/link/start-authorization.js';
import { FakeGoogleOAuth } from '../../../fakes/google-oauth.js';
import { InMemoryLinkStore } from '../../../fakes/link-store.js';

const clock = { now: () => new Date('2026-11-23T10:00:00.000Z') };
const invitation = {
  invitationId: 'inv-0123456789abcdefghij',
  memberId: 'm1',
  createdAt: '2026-11-22T10:00:00.000Z',
  expiresAt: '2026-11-25T10:00:00.000Z',
};

const setup = async (extra: object = {}) => {
  const invitations = new InMemoryLinkStore();
  await invitations.putInvitation({ ...invitation, ...extra });
  const records: AuditRecord[] = [];
  const audit = {
    record: async (record: AuditRecord) => void records.push(record),
    list: async () => records,
  };
  return { invitations, audit, records };
};

describe('cancelInvitation', () => {
  it('cancels an open invitation, audits who did it, and the page then refuses it', async () => {
    const deps = await setup();
    const outcome = await cancelInvitation(invitation.invitationId, 'jo', { ...deps, clock });
    expect(outcome).toEqual({
      cancelled: true,
      invitationId: invitation.invitationId,
      memberId: 'm1',
      cancelledAt: '2026-11-23T10:00:00.000Z',
    });
    expect(deps.records).toEqual([
      {
        memberId: 'm1',
        action: 'invitation-cancelled',
        at: '2026-11-23T10:00:00.000Z',
        by: 'jo',
        subjectId: invitation.invitationId,
      },
    ]);
    const start = await startAuthorization(invitation.invitationId, {
      invitations: deps.invitations,
      oauth: new FakeGoogleOAuth(),
      clock,
    });
    expect(start).toEqual({ kind: 'problem', problem: 'cancelled' });
  });

  it.each([
    ['used', { usedAt: '2026-11-22T11:00:00.000Z' }],
    ['cancelled', { cancelledAt: '2026-11-22T11:00:00.000Z' }],
    ['expired', { expiresAt: '2026-11-23T09:00:00.000Z' }],
  ])('says why a %s invitation cannot be cancelled, and audits nothing', async (reason, extra) => {
    const deps = await setup(extra);
    expect(await cancelInvitation(invitation.invitationId, 'jo', { ...deps, clock })).toEqual({
      cancelled: false,
      invitationId: invitation.invitationId,
      reason,
    });
    expect(deps.records).toEqual([]);
  });

  it('reports an unknown invitation as not found', async () => {
    const deps = await setup();
    expect(await cancelInvitation('nope', 'jo', { ...deps, clock })).toMatchObject({ reason: 'not-found' });
  });
});
