import { setTimeout as delay } from 'node:timers/promises';
import { beforeEach, describe, expect, it } from 'vitest';
import { InvalidGrantError, OAuthUnavailableError } from '../../../../shared/domain/link/oauth-errors.js';
import {
  LinkNotActiveError,
  RefreshingAccessTokenProvider,
} from '../../../../shared/domain/link/refreshing-access-token-provider.js';
import { LinkNeedsRelinkError } from '../../../../shared/domain/ports/access-token-provider.js';
import type { TokenBundle } from '../../../../shared/domain/ports/token-vault.js';
import { FakeGoogleOAuth } from '../../../fakes/google-oauth.js';
import { InMemoryLinkStore } from '../../../fakes/link-store.js';
import { transparentVault } from '../../../fakes/token-vault.js';

const NOW = new Date('2026-11-23T10:00:00.000Z');
const clock = { now: () => NOW };

const seedLink = async (store: InMemoryLinkStore, bundle: Partial<TokenBundle> = {}) => {
  store.links.set('m1', {
    link: {
      memberId: 'm1',
      provider: 'google-health',
      state: 'linked',
      healthUserId: 'hu-1',
      timezone: 'Europe/London',
      linkedAt: NOW.toISOString(),
      cursors: {},
    },
    tokenVersion: 1,
    sealed: await transparentVault.seal('m1', {
      refreshToken: 'refresh-1',
      accessToken: 'stale-access',
      accessTokenExpiresAt: '2026-11-23T09:59:00.000Z',
      scope: 'granted',
      ...bundle,
    }),
  });
};

describe('RefreshingAccessTokenProvider', () => {
  let store: InMemoryLinkStore;
  let google: FakeGoogleOAuth;
  let relinkAlerts: string[];
  const provider = (options = {}) =>
    new RefreshingAccessTokenProvider(
      {
        tokens: store,
        vault: transparentVault,
        oauth: google,
        alerts: { raiseNeedsRelink: async (memberId) => void relinkAlerts.push(memberId) },
        clock,
      },
      { pollMs: 1, sleep: () => delay(1), ...options },
    );

  beforeEach(() => {
    store = new InMemoryLinkStore();
    google = new FakeGoogleOAuth();
    relinkAlerts = [];
  });

  it('returns a stored access token that is still valid beyond the margin, without calling Google', async () => {
    await seedLink(store, { accessToken: 'good', accessTokenExpiresAt: '2026-11-23T10:30:00.000Z' });
    expect(await provider().accessTokenFor('m1')).toBe('good');
    expect(google.refreshes).toEqual([]);
  });

  it('refreshes a token inside the expiry margin and stores it before returning it', async () => {
    await seedLink(store, { accessToken: 'nearly', accessTokenExpiresAt: '2026-11-23T10:01:00.000Z' });
    expect(await provider().accessTokenFor('m1')).toBe('access-1');
    const stored = await store.readTokens('m1');
    expect(stored?.tokenVersion).toBe(2);
    expect(stored?.refreshLeaseUntil).toBeUndefined();
    expect(await transparentVault.open('m1', stored?.sealed ?? fail())).toMatchObject({
      accessToken: 'access-1',
      refreshToken: 'refresh-1',
    });
  });

  it('stores a rotated refresh token in the same write', async () => {
    await seedLink(store);
    google.refreshResult = async () => ({
      accessToken: 'a2',
      accessTokenExpiresAt: '2026-11-23T11:00:00.000Z',
      refreshToken: 'refresh-2',
      scope: 'granted',
    });
    await provider().accessTokenFor('m1');
    const stored = await store.readTokens('m1');
    expect(await transparentVault.open('m1', stored?.sealed ?? fail())).toMatchObject({
      accessToken: 'a2',
      refreshToken: 'refresh-2',
    });
  });

  it('refreshes once for ten concurrent callers in one process', async () => {
    await seedLink(store);
    const one = provider();
    const tokens = await Promise.all(Array.from({ length: 10 }, () => one.accessTokenFor('m1')));
    expect(new Set(tokens)).toEqual(new Set(['access-1']));
    expect(google.refreshes).toHaveLength(1);
  });

  it('refreshes once across ten workers (separate providers) sharing the store', async () => {
    await seedLink(store);
    const tokens = await Promise.all(Array.from({ length: 10 }, () => provider().accessTokenFor('m1')));
    expect(new Set(tokens)).toEqual(new Set(['access-1']));
    expect(google.refreshes).toHaveLength(1);
    expect(store.writes).toBe(1);
  });

  it('on invalid_grant with the tokens unchanged, alerts staff, marks needs-relink and throws', async () => {
    await seedLink(store);
    google.refreshResult = () => Promise.reject(new InvalidGrantError('Token has been expired or revoked.'));
    await expect(provider().accessTokenFor('m1')).rejects.toBeInstanceOf(LinkNeedsRelinkError);
    expect(relinkAlerts).toEqual(['m1']);
    expect((await store.readTokens('m1'))?.state).toBe('needs-relink');
    // Later calls fail fast without calling Google again.
    await expect(provider().accessTokenFor('m1')).rejects.toBeInstanceOf(LinkNeedsRelinkError);
    expect(google.refreshes).toHaveLength(1);
  });

  it('on invalid_grant after another worker stored new tokens, uses theirs and raises nothing', async () => {
    await seedLink(store);
    google.refreshResult = async () => {
      // Another worker (whose lease had expired) wins meanwhile with a rotated token.
      const row = store.links.get('m1');
      if (row !== undefined) {
        row.tokenVersion = 2;
        row.sealed = await transparentVault.seal('m1', {
          refreshToken: 'refresh-2',
          accessToken: 'theirs',
          accessTokenExpiresAt: '2026-11-23T11:00:00.000Z',
          scope: 'granted',
        });
      }
      throw new InvalidGrantError('Token has been expired or revoked.');
    };
    expect(await provider().accessTokenFor('m1')).toBe('theirs');
    expect(relinkAlerts).toEqual([]);
    expect((await store.readTokens('m1'))?.state).toBe('linked');
  });

  it('waits while another worker holds the lease and uses the token it stores', async () => {
    await seedLink(store);
    const row = store.links.get('m1');
    if (row === undefined) throw new Error('seed failed');
    row.refreshLeaseUntil = '2026-11-23T10:00:10.000Z';
    setTimeout(async () => {
      row.sealed = await transparentVault.seal('m1', {
        refreshToken: 'refresh-1',
        accessToken: 'from-peer',
        accessTokenExpiresAt: '2026-11-23T11:00:00.000Z',
        scope: 'granted',
      });
      row.tokenVersion = 2;
      delete row.refreshLeaseUntil;
    }, 20);
    expect(await provider().accessTokenFor('m1')).toBe('from-peer');
    expect(google.refreshes).toEqual([]);
  });

  it('refreshes again after invalidate() even though the stored token has not expired', async () => {
    await seedLink(store, { accessToken: 'rejected', accessTokenExpiresAt: '2026-11-23T10:30:00.000Z' });
    const one = provider();
    expect(await one.accessTokenFor('m1')).toBe('rejected');
    await one.invalidate('m1', 'rejected');
    expect(await one.accessTokenFor('m1')).toBe('access-1');
    expect(google.refreshes).toHaveLength(1);
  });

  it('lets a transient Google failure propagate without marking the link', async () => {
    await seedLink(store);
    google.refreshResult = () => Promise.reject(new OAuthUnavailableError('503'));
    await expect(provider().accessTokenFor('m1')).rejects.toBeInstanceOf(OAuthUnavailableError);
    const stored = await store.readTokens('m1');
    expect(stored?.state).toBe('linked');
    // The lease is given back so the next worker need not wait for it to lapse.
    expect(stored?.refreshLeaseUntil).toBeUndefined();
    expect(relinkAlerts).toEqual([]);
  });

  it('refuses members without an active link', async () => {
    await expect(provider().accessTokenFor('nobody')).rejects.toBeInstanceOf(LinkNotActiveError);
  });
});

function fail(): never {
  throw new Error('expected stored tokens');
}
