import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { InvitationStore } from '../../shared/domain/link/invitation-store.js';
import {
  HealthAccountLinkedElsewhereError,
  InvitationNotUsableError,
  type LinkRegistry,
  MemberAlreadyLinkedError,
} from '../../shared/domain/link/link-registry.js';
import type { LinkTokenStore } from '../../shared/domain/link/link-token-store.js';
import type { LinkStore } from '../../shared/domain/ports/link-store.js';
import type { SealedTokens } from '../../shared/domain/ports/token-vault.js';

/** Everything the DynamoDB link store is: sync state, tokens, the account mapping and invitations. */
export type FullLinkStore = LinkStore & LinkRegistry & InvitationStore & LinkTokenStore;

/**
 * One FullLinkStore answered by the adapters that each implement part of it, every method bound to its owner
 * (the DynamoDB adapters are split by port so a function bundles only the ones it uses).
 */
export const combinedLinkStore = (
  links: LinkStore & LinkTokenStore,
  registry: LinkRegistry,
  invitations: InvitationStore,
): FullLinkStore => {
  const owners: object[] = [links, registry, invitations];
  return new Proxy({} as FullLinkStore, {
    get: (_target, key) => {
      const owner = owners.find((each) => typeof Reflect.get(each, key) === 'function');
      return owner === undefined ? undefined : Reflect.get(owner, key).bind(owner);
    },
  });
};

const NOW = new Date('2026-11-20T12:00:00Z');
const sealed: SealedTokens = { scheme: 'local', iv: 'iv', ciphertext: 'c', authTag: 't' };
const unique = (prefix: string) => `${prefix}-${randomUUID()}`;

const invite = async (store: FullLinkStore, memberId: string, overrides: { expiresAt?: string } = {}) => {
  const invitationId = unique('inv');
  await store.putInvitation({
    invitationId,
    memberId,
    createdAt: NOW.toISOString(),
    expiresAt: overrides.expiresAt ?? '2026-11-23T12:00:00.000Z',
  });
  return invitationId;
};

const link = async (store: FullLinkStore, memberId: string, healthUserId = unique('h'), now = NOW) =>
  store.createLink({
    memberId,
    healthUserId,
    timezone: 'Europe/London',
    sealed,
    invitationId: await invite(store, memberId),
    now,
  });

/** Links of these members only: the DynamoDB table is shared by every test in a file. */
const pagedLinks = async (
  store: FullLinkStore,
  memberIds: string[],
  states?: Parameters<LinkStore['linkedPages']>[0],
) => {
  const found: string[] = [];
  for await (const page of store.linkedPages(states)) {
    for (const each of page)
      if (memberIds.includes(each.memberId)) found.push(`${each.memberId}:${each.state}`);
  }
  return found.sort();
};

/**
 * The link store's contract, run against the in-memory fake (test/unit/fakes/port-contracts.test.ts) and
 * the DynamoDB link adapters on DynamoDB Local (test/integration/contracts/dynamodb-port-contracts.test.ts): a fake
 * that drifts from the adapter fails one of them.
 */
export const linkStoreContract = (name: string, create: () => FullLinkStore) => {
  describe(`link store contract: ${name}`, () => {
    describe('LinkRegistry', () => {
      it('links a member, maps the account and uses up the invitation', async () => {
        const store = create();
        const memberId = unique('m');
        const healthUserId = unique('h');
        const invitationId = await invite(store, memberId);
        const created = await store.createLink({
          memberId,
          healthUserId,
          timezone: 'Europe/London',
          sealed,
          invitationId,
          now: NOW,
        });
        expect(created).toMatchObject({ memberId, state: 'linked', cursors: {} });
        expect(await store.get(memberId)).toEqual(created);
        expect(await store.findMemberByHealthUserId(healthUserId)).toBe(memberId);
        expect((await store.getInvitation(invitationId))?.usedAt).toBe(NOW.toISOString());
        expect(await store.readTokens(memberId)).toMatchObject({ state: 'linked', sealed });
      });

      it('refuses a second Google account for a member who is linked (MemberAlreadyLinkedError)', async () => {
        const store = create();
        const memberId = unique('m');
        await link(store, memberId);
        await expect(link(store, memberId)).rejects.toBeInstanceOf(MemberAlreadyLinkedError);
      });

      it('refuses an account already linked to another member (HealthAccountLinkedElsewhereError)', async () => {
        const store = create();
        const healthUserId = unique('h');
        await link(store, unique('m'), healthUserId);
        await expect(link(store, unique('m'), healthUserId)).rejects.toBeInstanceOf(
          HealthAccountLinkedElsewhereError,
        );
      });

      it('refuses a used, expired or another member’s invitation (InvitationNotUsableError)', async () => {
        const store = create();
        const memberId = unique('m');
        const used = await invite(store, memberId);
        await store.createLink({
          memberId,
          healthUserId: unique('h'),
          timezone: 'UTC',
          sealed,
          invitationId: used,
          now: NOW,
        });
        const other = unique('m');
        const attempt = (invitationId: string) =>
          store.createLink({
            memberId: other,
            healthUserId: unique('h'),
            timezone: 'UTC',
            sealed,
            invitationId,
            now: NOW,
          });
        await expect(attempt(used)).rejects.toBeInstanceOf(InvitationNotUsableError);
        await expect(
          attempt(await invite(store, other, { expiresAt: '2026-11-20T11:00:00.000Z' })),
        ).rejects.toBeInstanceOf(InvitationNotUsableError);
        await expect(attempt(await invite(store, unique('m')))).rejects.toBeInstanceOf(
          InvitationNotUsableError,
        );
      });

      it('unlinks once, forgetting tokens and the mapping; the same account can link again and resume', async () => {
        const store = create();
        const memberId = unique('m');
        const healthUserId = unique('h');
        await link(store, memberId, healthUserId);
        await store.recordSync(memberId, {
          cursors: { steps: '2026-11-20T10:00:00.000Z' },
          lastSyncAt: '2026-11-20T11:00:00.000Z',
        });
        expect(await store.removeLink(memberId)).toEqual({ sealed, healthUserId });
        expect(await store.removeLink(memberId)).toBeUndefined();
        expect((await store.get(memberId))?.state).toBe('unlinked');
        expect(await store.readTokens(memberId)).toBeUndefined();
        expect(await store.findMemberByHealthUserId(healthUserId)).toBeUndefined();
        const again = await link(store, memberId, healthUserId);
        expect(again).toMatchObject({
          state: 'linked',
          cursors: { steps: '2026-11-20T10:00:00.000Z' },
          lastSyncAt: '2026-11-20T11:00:00.000Z',
        });
      });

      it('a different account after an unlink starts its cursors afresh', async () => {
        const store = create();
        const memberId = unique('m');
        await link(store, memberId);
        await store.recordSync(memberId, {
          cursors: { steps: '2026-11-20T10:00:00.000Z' },
          lastSyncAt: '2026-11-20T11:00:00.000Z',
        });
        await store.removeLink(memberId);
        expect((await link(store, memberId)).cursors).toEqual({});
      });
    });

    describe('LinkStore (sync state)', () => {
      it('moves cursors, lastSyncAt and lastDataAt forward only, and replaces consent when given', async () => {
        const store = create();
        const memberId = unique('m');
        await link(store, memberId);
        await store.recordSync(memberId, {
          cursors: { steps: '2026-11-20T10:00:00.000Z', weight: '2026-11-19T10:00:00.000Z' },
          lastSyncAt: '2026-11-20T11:00:00.000Z',
          lastDataAt: '2026-11-20T09:00:00.000Z',
          consent: { granted: ['steps'], refused: ['weight'] },
        });
        await store.recordSync(memberId, {
          cursors: { steps: '2026-11-20T08:00:00.000Z', weight: '2026-11-20T10:30:00.000Z' },
          lastSyncAt: '2026-11-20T10:00:00.000Z',
          lastDataAt: '2026-11-20T08:00:00.000Z',
        });
        expect(await store.get(memberId)).toMatchObject({
          cursors: { steps: '2026-11-20T10:00:00.000Z', weight: '2026-11-20T10:30:00.000Z' },
          lastSyncAt: '2026-11-20T11:00:00.000Z',
          lastDataAt: '2026-11-20T09:00:00.000Z',
          grantedTypes: ['steps'],
          refusedTypes: ['weight'],
        });
        await store.recordSync(memberId, {
          cursors: {},
          lastSyncAt: '2026-11-20T12:00:00.000Z',
          consent: { granted: ['steps', 'weight'], refused: [] },
        });
        expect(await store.get(memberId)).toMatchObject({
          lastSyncAt: '2026-11-20T12:00:00.000Z',
          grantedTypes: ['steps', 'weight'],
          refusedTypes: [],
        });
      });

      it('ignores sync and notification records for a member without a link', async () => {
        const store = create();
        const memberId = unique('m');
        await store.recordSync(memberId, { cursors: {}, lastSyncAt: NOW.toISOString() });
        await store.recordNotification(memberId, NOW.toISOString());
        expect(await store.get(memberId)).toBeUndefined();
      });

      it('moves lastNotificationAt forward only', async () => {
        const store = create();
        const memberId = unique('m');
        await link(store, memberId);
        await store.recordNotification(memberId, '2026-11-20T12:05:00.000Z');
        await store.recordNotification(memberId, '2026-11-20T12:01:00.000Z');
        expect((await store.get(memberId))?.lastNotificationAt).toBe('2026-11-20T12:05:00.000Z');
      });

      it('pages links by state, each link in exactly one state', async () => {
        const store = create();
        const [healthy, broken, gone] = [unique('m'), unique('m'), unique('m')];
        for (const memberId of [healthy, broken, gone]) await link(store, memberId);
        await store.setState(broken, 'needs-relink');
        await store.removeLink(gone);
        const ours = [healthy, broken, gone];
        expect(await pagedLinks(store, ours)).toEqual([`${healthy}:linked`]);
        expect(await pagedLinks(store, ours, ['linked', 'needs-relink'])).toEqual(
          [`${healthy}:linked`, `${broken}:needs-relink`].sort(),
        );
        expect(await pagedLinks(store, ours, ['unlinked'])).toEqual([`${gone}:unlinked`]);
      });

      it('refuses to set the state of a link that does not exist', async () => {
        await expect(create().setState(unique('m'), 'needs-relink')).rejects.toThrow();
      });
    });

    describe('LinkTokenStore', () => {
      it('leases a refresh to one caller, replaces tokens on the version it read, and releases the lease', async () => {
        const store = create();
        const memberId = unique('m');
        await link(store, memberId);
        const tokens = await store.readTokens(memberId);
        const version = tokens?.tokenVersion ?? -1;
        const until = new Date(NOW.getTime() + 30_000);
        expect(await store.tryAcquireRefreshLease(memberId, version, until, NOW)).toBe(true);
        expect(await store.tryAcquireRefreshLease(memberId, version, until, NOW)).toBe(false);
        expect((await store.readTokens(memberId))?.refreshLeaseUntil).toBe(until.toISOString());
        // A lease that has run out can be taken again.
        expect(await store.tryAcquireRefreshLease(memberId, version, until, until)).toBe(true);
        const fresh: SealedTokens = { ...sealed, ciphertext: 'fresh' };
        expect(await store.replaceTokens(memberId, version, fresh)).toBe(true);
        expect(await store.replaceTokens(memberId, version, fresh)).toBe(false);
        const after = await store.readTokens(memberId);
        expect(after).toEqual({ state: 'linked', tokenVersion: version + 1, sealed: fresh });
        expect(await store.tryAcquireRefreshLease(memberId, version + 1, until, NOW)).toBe(true);
        await store.releaseRefreshLease(memberId, version);
        expect((await store.readTokens(memberId))?.refreshLeaseUntil).toBe(until.toISOString());
        await store.releaseRefreshLease(memberId, version + 1);
        expect((await store.readTokens(memberId))?.refreshLeaseUntil).toBeUndefined();
      });

      it('marks a link needs-relink only on the current version, and then refuses new leases', async () => {
        const store = create();
        const memberId = unique('m');
        await link(store, memberId);
        const version = (await store.readTokens(memberId))?.tokenVersion ?? -1;
        expect(await store.markNeedsRelink(memberId, version + 1)).toBe(false);
        expect(await store.markNeedsRelink(memberId, version)).toBe(true);
        expect((await store.get(memberId))?.state).toBe('needs-relink');
        expect(await store.tryAcquireRefreshLease(memberId, version, NOW, NOW)).toBe(false);
        expect(await store.replaceTokens(memberId, version, sealed)).toBe(false);
      });
    });

    describe('InvitationStore', () => {
      it('starts, clears (with the right nonce only) and cancels an authorisation', async () => {
        const store = create();
        const memberId = unique('m');
        const invitationId = await invite(store, memberId);
        const pending = { stateNonce: 'nonce', codeVerifier: 'verifier', startedAt: NOW.toISOString() };
        expect(await store.startAuthorization(invitationId, pending, NOW)).toBe(true);
        await store.clearAuthorization(invitationId, 'other-nonce');
        expect((await store.getInvitation(invitationId))?.pendingAuthorization).toEqual(pending);
        await store.clearAuthorization(invitationId, 'nonce');
        expect((await store.getInvitation(invitationId))?.pendingAuthorization).toBeUndefined();
        await store.startAuthorization(invitationId, pending, NOW);
        const cancelledAt = new Date('2026-11-20T12:30:00Z');
        expect(await store.cancelInvitation(invitationId, cancelledAt)).toBe(true);
        expect(await store.cancelInvitation(invitationId, cancelledAt)).toBe(false);
        expect(await store.getInvitation(invitationId)).toEqual({
          invitationId,
          memberId,
          createdAt: NOW.toISOString(),
          expiresAt: '2026-11-23T12:00:00.000Z',
          cancelledAt: cancelledAt.toISOString(),
        });
        expect(await store.startAuthorization(invitationId, pending, NOW)).toBe(false);
      });

      it('refuses to start an authorisation on an expired or unknown invitation', async () => {
        const store = create();
        const expired = await invite(store, unique('m'), { expiresAt: '2026-11-20T11:00:00.000Z' });
        const pending = { stateNonce: 'n', codeVerifier: 'v', startedAt: NOW.toISOString() };
        expect(await store.startAuthorization(expired, pending, NOW)).toBe(false);
        expect(await store.startAuthorization(unique('inv'), pending, NOW)).toBe(false);
      });

      it('lists a member’s invitations and no one else’s, and deletes one', async () => {
        const store = create();
        const memberId = unique('m');
        const first = await invite(store, memberId);
        const second = await invite(store, memberId);
        await invite(store, unique('m'));
        expect((await store.listInvitations(memberId)).map((each) => each.invitationId).sort()).toEqual(
          [first, second].sort(),
        );
        await store.deleteInvitation(first);
        expect(await store.getInvitation(first)).toBeUndefined();
        expect((await store.listInvitations(memberId)).map((each) => each.invitationId)).toEqual([second]);
      });

      it('refuses to overwrite an invitation', async () => {
        const store = create();
        const memberId = unique('m');
        const invitationId = await invite(store, memberId);
        await expect(
          store.putInvitation({
            invitationId,
            memberId,
            createdAt: NOW.toISOString(),
            expiresAt: '2026-12-23T12:00:00.000Z',
          }),
        ).rejects.toThrow();
      });
    });
  });
};
