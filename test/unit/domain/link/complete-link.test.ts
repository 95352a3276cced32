import { beforeEach, describe, expect, it } from 'vitest';
import {
  type CallbackBrowser,
  type CompleteLinkDeps,
  completeLink,
} from '../../../../shared/domain/link/complete-link.js';
import { createInvitation } from '../../../../shared/domain/link/create-invitation.js';
import { HealthAccountUnavailableError } from '../../../../shared/domain/link/health-account-reader.js';
import { InvalidGrantError } from '../../../../shared/domain/link/oauth-errors.js';
import { parseState } from '../../../../shared/domain/link/oauth-state.js';
import { codeChallengeS256 } from '../../../../shared/domain/link/pkce.js';
import { startAuthorization } from '../../../../shared/domain/link/start-authorization.js';
import type { Member } from '../../../../shared/domain/member.js';
import { UnknownMemberError } from '../../../../shared/domain/members/register-device.js';
import type { MemberDirectory } from '../../../../shared/domain/ports/member-directory.js';
import type { SyncJob } from '../../../../shared/domain/sync-job.js';
import { FakeGoogleOAuth } from '../../../fakes/google-oauth.js';
import { InMemoryLinkStore } from '../../../fakes/link-store.js';
import { transparentVault } from '../../../fakes/token-vault.js';

let now = new Date('2026-11-23T10:00:00.000Z');
const clock = { now: () => now };
const member: Member = {
  memberId: 'm1',
  name: 'Sam',
  timezone: 'Europe/London',
  createdAt: '2026-11-01T00:00:00Z',
};
const directory = { getMember: async (id: string) => (id === 'm1' ? member : undefined) } as MemberDirectory;

describe('invitation, start and callback', () => {
  let store: InMemoryLinkStore;
  let google: FakeGoogleOAuth;
  let jobs: SyncJob[];
  let healthUserId: string;
  let deps: CompleteLinkDeps;
  /** The browser that made the latest start: it holds the binding cookie. */
  let browser: CallbackBrowser;

  const invite = () =>
    createInvitation('m1', { directory, invitations: store, clock, publicBaseUrl: 'https://pulse.example/' });

  /** Invites and starts; returns the state Google would echo back. */
  const startedState = async () => {
    const { invitationId } = await invite();
    const outcome = await startAuthorization(invitationId, { invitations: store, oauth: google, clock });
    if (outcome.kind !== 'redirect') throw new Error('start failed');
    browser = { bindingSecret: outcome.browserSecret };
    return {
      invitationId,
      state: new URL(outcome.url).searchParams.get('state') ?? '',
      codeVerifier: store.invitations.get(invitationId)?.pendingAuthorization?.codeVerifier,
    };
  };

  beforeEach(() => {
    now = new Date('2026-11-23T10:00:00.000Z');
    store = new InMemoryLinkStore();
    google = new FakeGoogleOAuth();
    jobs = [];
    healthUserId = 'hu-1';
    deps = {
      invitations: store,
      registry: store,
      links: store,
      directory,
      oauth: google,
      accounts: { healthUserId: async () => healthUserId, timeZone: async () => 'America/New_York' },
      vault: transparentVault,
      sendSyncJob: async (job) => void jobs.push(job),
      clock,
    };
  });

  it('creates a 128-bit, 72-hour invitation with the page address', async () => {
    const created = await invite();
    expect(created.invitationId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(created.url).toBe(`https://pulse.example/v1/link/${created.invitationId}`);
    expect(created.expiresAt).toBe('2026-11-26T10:00:00.000Z');
  });

  it('refuses to invite an unknown member', async () => {
    await expect(
      createInvitation('ghost', { directory, invitations: store, clock, publicBaseUrl: 'https://x' }),
    ).rejects.toBeInstanceOf(UnknownMemberError);
  });

  it('start stores the verifier whose S256 challenge goes to Google, with state bound to the invitation', async () => {
    const { invitationId } = await invite();
    const outcome = await startAuthorization(invitationId, { invitations: store, oauth: google, clock });
    if (outcome.kind !== 'redirect') throw new Error('expected a redirect');
    const url = new URL(outcome.url);
    const pending = store.invitations.get(invitationId)?.pendingAuthorization;
    expect(parseState(url.searchParams.get('state') ?? '')).toEqual({
      invitationId,
      nonce: pending?.stateNonce,
    });
    expect(url.searchParams.get('code_challenge')).toBe(codeChallengeS256(pending?.codeVerifier ?? ''));
  });

  it('links, seals the tokens, uses the invitation and queues a 30-day backfill', async () => {
    const { invitationId, state, codeVerifier } = await startedState();
    const outcome = await completeLink({ state, code: 'the-code' }, browser, deps);
    expect(outcome).toEqual({ kind: 'linked', memberId: 'm1', backfillQueued: true });
    expect(codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(google.exchanges).toEqual([{ code: 'the-code', codeVerifier }]);
    const row = store.links.get('m1');
    expect(row?.link).toMatchObject({ state: 'linked', healthUserId: 'hu-1', timezone: 'America/New_York' });
    expect(await transparentVault.open('m1', row?.sealed ?? fail())).toMatchObject({
      refreshToken: 'first-refresh',
      accessToken: 'first-access',
    });
    expect(store.invitations.get(invitationId)?.usedAt).toBe(now.toISOString());
    expect(jobs).toEqual([{ memberId: 'm1', reason: 'backfill', backfillDays: 30 }]);
    expect(google.revoked).toEqual([]);
  });

  it('falls back to the member zone when Google settings are unreadable', async () => {
    const { state } = await startedState();
    deps.accounts.timeZone = async () => {
      throw new HealthAccountUnavailableError(403, 'ACCESS_TOKEN_SCOPE_INSUFFICIENT');
    };
    await completeLink({ state, code: 'c' }, browser, deps);
    expect(store.links.get('m1')?.link.timezone).toBe('Europe/London');
  });

  it('refuses a state whose nonce does not match, and links nothing', async () => {
    const { invitationId } = await startedState();
    const forged = `${invitationId}.${'A'.repeat(43)}`;
    expect(await completeLink({ state: forged, code: 'c' }, browser, deps)).toEqual({ kind: 'bad-state' });
    expect(await completeLink({ state: 'garbage', code: 'c' }, browser, deps)).toEqual({ kind: 'bad-state' });
    expect(google.exchanges).toEqual([]);
    expect(store.links.size).toBe(0);
  });

  it.each([
    ['no binding cookie', undefined],
    ['an empty binding cookie', ''],
    ['the binding cookie of another attempt', 'x'.repeat(43)],
  ])(
    'refuses a callback from a browser with %s: no code exchange, the attempt stays usable',
    async (_, secret) => {
      const { invitationId, state } = await startedState();
      const pendingBefore = store.invitations.get(invitationId)?.pendingAuthorization;
      for (const query of [
        { state, code: 'c' },
        { state, error: 'access_denied' },
      ]) {
        expect(await completeLink(query, { bindingSecret: secret }, deps)).toEqual({ kind: 'other-browser' });
      }
      expect(google.exchanges).toEqual([]);
      expect(store.links.size).toBe(0);
      expect(store.invitations.get(invitationId)?.pendingAuthorization).toEqual(pendingBefore);
      expect(await completeLink({ state, code: 'c' }, browser, deps)).toMatchObject({ kind: 'linked' });
    },
  );

  it("refuses a browser holding a different attempt's cookie for the same invitation", async () => {
    const first = await startedState();
    const firstBrowser = browser;
    const again = await startAuthorization(first.invitationId, { invitations: store, oauth: google, clock });
    if (again.kind !== 'redirect') throw new Error('start failed');
    const secondState = new URL(again.url).searchParams.get('state') ?? '';
    expect(await completeLink({ state: secondState, code: 'c' }, firstBrowser, deps)).toEqual({
      kind: 'other-browser',
    });
    expect(google.exchanges).toEqual([]);
    expect(
      await completeLink({ state: secondState, code: 'c' }, { bindingSecret: again.browserSecret }, deps),
    ).toMatchObject({ kind: 'linked' });
  });

  it('refuses a replayed callback after the link was made', async () => {
    const { state } = await startedState();
    await completeLink({ state, code: 'c' }, browser, deps);
    expect(await completeLink({ state, code: 'c' }, browser, deps)).toEqual({
      kind: 'invitation-problem',
      problem: 'used',
    });
    expect(google.exchanges).toHaveLength(1);
  });

  it('refuses an expired invitation even though TTL has not deleted it', async () => {
    const { state } = await startedState();
    now = new Date('2026-11-26T10:00:01.000Z');
    expect(await completeLink({ state, code: 'c' }, browser, deps)).toEqual({
      kind: 'invitation-problem',
      problem: 'expired',
    });
  });

  it('on a decline forgets the attempt and leaves the invitation usable', async () => {
    const { invitationId, state } = await startedState();
    expect(await completeLink({ state, error: 'access_denied' }, browser, deps)).toEqual({
      kind: 'declined',
      expiresAt: '2026-11-26T10:00:00.000Z',
    });
    expect(store.invitations.get(invitationId)?.pendingAuthorization).toBeUndefined();
    expect(await completeLink({ state, code: 'c' }, browser, deps)).toEqual({ kind: 'bad-state' });
    const again = await startAuthorization(invitationId, { invitations: store, oauth: google, clock });
    expect(again.kind).toBe('redirect');
  });

  it('maps a refused code exchange (e.g. PKCE mismatch) to a Google error page', async () => {
    const { state } = await startedState();
    google.exchangeResult = () => Promise.reject(new InvalidGrantError('Invalid code verifier.'));
    expect(await completeLink({ state, code: 'c' }, browser, deps)).toEqual({ kind: 'google-error' });
    expect(store.links.size).toBe(0);
  });

  it("never revokes a grant whose account another member's healthy link uses (Google revokes per grant)", async () => {
    store.accounts.set('hu-1', 'someone-else');
    const { invitationId, state } = await startedState();
    expect(await completeLink({ state, code: 'c' }, browser, deps)).toEqual({
      kind: 'account-linked-elsewhere',
    });
    expect(google.revoked).toEqual([]);
    expect(store.links.size).toBe(0);
    expect(store.invitations.get(invitationId)?.usedAt).toBeUndefined();
  });

  it('revokes and links nothing when no data scope was granted', async () => {
    const { state } = await startedState();
    google.exchangeResult = async () => ({
      accessToken: 'a',
      accessTokenExpiresAt: '2026-11-23T11:00:00.000Z',
      refreshToken: 'r',
      scope: 'https://www.googleapis.com/auth/googlehealth.settings.readonly',
    });
    expect((await completeLink({ state, code: 'c' }, browser, deps)).kind).toBe('no-data-scopes');
    expect(google.revoked).toEqual(['r']);
    expect(store.links.size).toBe(0);
  });

  it("never revokes when a failed attempt is for the account the member's own link already uses", async () => {
    store.accounts.set('hu-1', 'm1');
    const { state } = await startedState();
    google.exchangeResult = async () => ({
      accessToken: 'a',
      accessTokenExpiresAt: '2026-11-23T11:00:00.000Z',
      scope: 'https://www.googleapis.com/auth/googlehealth.sleep.readonly',
    });
    expect(await completeLink({ state, code: 'c' }, browser, deps)).toEqual({ kind: 'google-error' });
    expect(google.revoked).toEqual([]);
  });

  it('revokes the new grant when its account is linked to no one, and leaves it when unidentifiable', async () => {
    const { state } = await startedState();
    deps.registry = {
      createLink: () => Promise.reject(new Error('DynamoDB down')),
      removeLink: (memberId) => store.removeLink(memberId),
    };
    await expect(completeLink({ state, code: 'c' }, browser, deps)).rejects.toThrow('DynamoDB down');
    expect(google.revoked).toEqual(['first-refresh']);

    const second = await startedState();
    deps.accounts = {
      healthUserId: () => Promise.reject(new HealthAccountUnavailableError(503, 'down')),
      timeZone: async () => undefined,
    };
    google.exchangeResult = async () => ({
      accessToken: 'a2',
      accessTokenExpiresAt: '2026-11-23T11:00:00.000Z',
      scope: 'x',
    });
    expect((await completeLink({ state: second.state, code: 'c' }, browser, deps)).kind).toBe('google-error');
    expect(google.revoked).toEqual(['first-refresh']);
  });

  it('still shows success when queueing the backfill fails (catch-up will sync)', async () => {
    const { state } = await startedState();
    deps.sendSyncJob = () => Promise.reject(new Error('queue down'));
    expect(await completeLink({ state, code: 'c' }, browser, deps)).toEqual({
      kind: 'linked',
      memberId: 'm1',
      backfillQueued: false,
    });
  });
});

function fail(): never {
  throw new Error('expected stored tokens');
}
