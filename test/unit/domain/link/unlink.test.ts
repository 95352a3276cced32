import { describe, expect, it } from 'vitest';
import { linkStatus } from '../../../../shared/domain/link/link-status.js';
import { unlink } from '../../../../shared/domain/link/unlink.js';
import type { LinkStore } from '../../../../shared/domain/ports/link-store.js';
import type { WearableLink } from '../../../../shared/domain/wearable-link.js';
import { FakeGoogleOAuth } from '../../../fakes/google-oauth.js';
import { InMemoryLinkStore } from '../../../fakes/link-store.js';
import { transparentVault } from '../../../fakes/token-vault.js';

const linked: WearableLink = {
  memberId: 'm1',
  provider: 'google-health',
  state: 'linked',
  healthUserId: 'hu-1',
  timezone: 'Europe/London',
  linkedAt: '2026-11-20T10:00:00.000Z',
  cursors: { steps: '2026-11-23T09:00:00Z' },
  lastSyncAt: '2026-11-23T09:30:00.000Z',
};

const seeded = async () => {
  const store = new InMemoryLinkStore();
  store.links.set('m1', {
    link: { ...linked },
    tokenVersion: 3,
    sealed: await transparentVault.seal('m1', {
      refreshToken: 'r1',
      accessToken: 'a1',
      accessTokenExpiresAt: '2026-11-23T11:00:00.000Z',
      scope: 's',
    }),
  });
  store.accounts.set('hu-1', 'm1');
  return store;
};

const clock = { now: () => new Date('2026-11-23T10:00:00.000Z') };

describe('unlink', () => {
  it('cancels every invitation still open for the member, and only those', async () => {
    const store = await seeded();
    const invitation = (invitationId: string, memberId: string, extra: object = {}) => ({
      invitationId,
      memberId,
      createdAt: '2026-11-22T10:00:00.000Z',
      expiresAt: '2026-11-25T10:00:00.000Z',
      ...extra,
    });
    await store.putInvitation(invitation('open-1', 'm1'));
    await store.putInvitation(invitation('used-1', 'm1', { usedAt: '2026-11-22T11:00:00.000Z' }));
    await store.putInvitation(invitation('expired-1', 'm1', { expiresAt: '2026-11-23T09:00:00.000Z' }));
    await store.putInvitation(invitation('other-1', 'm2'));
    const outcome = await unlink('m1', {
      tokens: store,
      registry: store,
      vault: transparentVault,
      oauth: new FakeGoogleOAuth(),
      invitations: store,
      clock,
    });
    expect(outcome.invitationsCancelled).toBe(1);
    expect(store.invitations.get('open-1')?.cancelledAt).toBe('2026-11-23T10:00:00.000Z');
    expect(store.invitations.get('used-1')?.cancelledAt).toBeUndefined();
    expect(store.invitations.get('other-1')?.cancelledAt).toBeUndefined();
  });

  it('revokes the refresh token, deletes tokens and the account mapping, and sets unlinked', async () => {
    const store = await seeded();
    const google = new FakeGoogleOAuth();
    const outcome = await unlink('m1', {
      tokens: store,
      registry: store,
      vault: transparentVault,
      oauth: google,
      invitations: store,
      clock,
    });
    expect(outcome).toEqual({ unlinked: true, revocation: 'revoked', invitationsCancelled: 0 });
    expect(google.revoked).toEqual(['r1']);
    expect(store.links.get('m1')?.link.state).toBe('unlinked');
    expect(store.links.get('m1')?.sealed).toBeUndefined();
    expect(store.accounts.has('hu-1')).toBe(false);
  });

  it('still unlinks when Google cannot be reached, and says revocation failed', async () => {
    const store = await seeded();
    const google = new FakeGoogleOAuth();
    google.revoke = () => Promise.reject(new Error('network'));
    const outcome = await unlink('m1', {
      tokens: store,
      registry: store,
      vault: transparentVault,
      oauth: google,
      invitations: store,
      clock,
    });
    expect(outcome).toEqual({ unlinked: true, revocation: 'failed', invitationsCancelled: 0 });
    expect(store.links.get('m1')?.link.state).toBe('unlinked');
  });

  it('reports nothing to do for a member never linked', async () => {
    const store = new InMemoryLinkStore();
    const outcome = await unlink('m9', {
      tokens: store,
      registry: store,
      vault: transparentVault,
      oauth: new FakeGoogleOAuth(),
      invitations: store,
      clock,
    });
    expect(outcome).toEqual({ unlinked: false, revocation: 'not-needed', invitationsCancelled: 0 });
  });
});

describe('linkStatus', () => {
  it('reports state and sync times, and never-linked for members without a link', async () => {
    const links = { get: async (id: string) => (id === 'm1' ? linked : undefined) } as LinkStore;
    expect(await linkStatus('m1', { links })).toEqual({
      state: 'linked',
      healthUserId: 'hu-1',
      linkedAt: '2026-11-20T10:00:00.000Z',
      lastSyncAt: '2026-11-23T09:30:00.000Z',
    });
    expect(await linkStatus('m2', { links })).toEqual({ state: 'never-linked' });
  });
});
