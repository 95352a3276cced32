import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../../shared/adapters/dynamodb-document-client.js';
import { DynamoDbLinkStore } from '../../../shared/adapters/dynamodb-link-store.js';
import type { InvitationStore } from '../../../shared/domain/link/invitation-store.js';
import {
  HealthAccountLinkedElsewhereError,
  InvitationNotUsableError,
  type LinkRegistry,
  MemberAlreadyLinkedError,
} from '../../../shared/domain/link/link-registry.js';
import type { LinkTokenStore } from '../../../shared/domain/link/link-token-store.js';
import type { SealedTokens } from '../../../shared/domain/ports/token-vault.js';
import { InMemoryLinkStore } from '../../fakes/link-store.js';
import { createIsolatedStack, type IsolatedStack } from '../support/isolated-stack.js';

type Registry = LinkRegistry & InvitationStore & LinkTokenStore;

let stack: IsolatedStack;
beforeAll(async () => {
  stack = await createIsolatedStack();
});
afterAll(async () => {
  await stack?.stop();
});

const NOW = new Date('2026-11-20T12:00:00Z');
const sealed: SealedTokens = { scheme: 'local', iv: 'iv', ciphertext: 'c', authTag: 't' };
const unique = (prefix: string) => `${prefix}-${randomUUID()}`;

/**
 * One contract, two implementations: the in-memory fake the domain tests use and the DynamoDB adapter on
 * DynamoDB Local. A fake that drifts from the adapter fails here.
 */
describe.each([
  ['the in-memory fake', (): Registry => new InMemoryLinkStore()],
  [
    'DynamoDbLinkStore on DynamoDB Local',
    (): Registry => new DynamoDbLinkStore(createDocumentClient(), stack.resources.tables.directory),
  ],
])('LinkRegistry contract: %s', (_name, create) => {
  const invite = async (registry: Registry, memberId: string, overrides: { expiresAt?: string } = {}) => {
    const invitationId = unique('inv');
    await registry.putInvitation({
      invitationId,
      memberId,
      createdAt: NOW.toISOString(),
      expiresAt: overrides.expiresAt ?? '2026-11-23T12:00:00.000Z',
    });
    return invitationId;
  };
  const link = async (registry: Registry, memberId: string, healthUserId: string, now = NOW) =>
    registry.createLink({
      memberId,
      healthUserId,
      timezone: 'Europe/London',
      sealed,
      invitationId: await invite(registry, memberId),
      now,
    });

  it('links a member and uses up the invitation', async () => {
    const registry = create();
    const memberId = unique('m');
    const invitationId = await invite(registry, memberId);
    const created = await registry.createLink({
      memberId,
      healthUserId: unique('h'),
      timezone: 'Europe/London',
      sealed,
      invitationId,
      now: NOW,
    });
    expect(created).toMatchObject({ memberId, state: 'linked', cursors: {} });
    expect((await registry.getInvitation(invitationId))?.usedAt).toBe(NOW.toISOString());
    expect(await registry.readTokens(memberId)).toMatchObject({ state: 'linked', sealed });
  });

  it('refuses a second Google account for a member who is linked (MemberAlreadyLinkedError)', async () => {
    const registry = create();
    const memberId = unique('m');
    await link(registry, memberId, unique('h'));
    await expect(link(registry, memberId, unique('h'))).rejects.toBeInstanceOf(MemberAlreadyLinkedError);
  });

  it('refuses an account already linked to another member (HealthAccountLinkedElsewhereError)', async () => {
    const registry = create();
    const healthUserId = unique('h');
    await link(registry, unique('m'), healthUserId);
    await expect(link(registry, unique('m'), healthUserId)).rejects.toBeInstanceOf(
      HealthAccountLinkedElsewhereError,
    );
  });

  it('refuses a used, expired or another member’s invitation (InvitationNotUsableError)', async () => {
    const registry = create();
    const memberId = unique('m');
    const used = await invite(registry, memberId);
    await registry.createLink({
      memberId,
      healthUserId: unique('h'),
      timezone: 'UTC',
      sealed,
      invitationId: used,
      now: NOW,
    });
    const other = unique('m');
    const attempt = (invitationId: string, forMember = other) =>
      registry.createLink({
        memberId: forMember,
        healthUserId: unique('h'),
        timezone: 'UTC',
        sealed,
        invitationId,
        now: NOW,
      });

    await expect(attempt(used)).rejects.toBeInstanceOf(InvitationNotUsableError);
    await expect(
      attempt(await invite(registry, other, { expiresAt: '2026-11-20T11:00:00.000Z' })),
    ).rejects.toBeInstanceOf(InvitationNotUsableError);
    await expect(attempt(await invite(registry, unique('m')))).rejects.toBeInstanceOf(
      InvitationNotUsableError,
    );
  });

  it('lets the same account link again after an unlink', async () => {
    const registry = create();
    const memberId = unique('m');
    const healthUserId = unique('h');
    await link(registry, memberId, healthUserId);
    expect(await registry.removeLink(memberId)).toMatchObject({ healthUserId });
    await expect(link(registry, memberId, healthUserId)).resolves.toMatchObject({ state: 'linked' });
  });
});
