import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  paginateQuery,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Invitation } from '../domain/link/invitation.js';
import type { InvitationStore } from '../domain/link/invitation-store.js';
import {
  HealthAccountLinkedElsewhereError,
  InvitationNotUsableError,
  type LinkRegistry,
  MemberAlreadyLinkedError,
  type NewLink,
} from '../domain/link/link-registry.js';
import type { LinkTokenStore, StoredTokens } from '../domain/link/link-token-store.js';
import type { LinkStore, SyncRecord } from '../domain/ports/link-store.js';
import type { SealedTokens } from '../domain/ports/token-vault.js';
import type { LinkState, WearableLink } from '../domain/wearable-link.js';
import * as z from '../domain/zod-mini.js';
import { healthUserKey, invitationKey, linkKey, memberInvitationsPartition } from './table-keys.js';

/** Links are listed by state through the directory's gsi1: gsi1pk = LINKS#<state>, gsi1sk = memberId. */
export const linksIndexPartition = (state: LinkState): string => `LINKS#${state}`;

/** Invitations linger this long after expiry (for audit) before DynamoDB TTL may delete them. */
const INVITATION_RETENTION_SECONDS = 30 * 24 * 3600;

const sealedSchema = z.object({
  scheme: z.enum(['kms', 'local']),
  iv: z.string(),
  ciphertext: z.string(),
  authTag: z.string(),
  encryptedDataKey: z.optional(z.string()),
});

const linkItemSchema = z.object({
  memberId: z.string(),
  provider: z.literal('google-health'),
  state: z.enum(['linked', 'needs-relink', 'unlinked']),
  healthUserId: z.string(),
  timezone: z.string(),
  linkedAt: z.string(),
  cursors: z.record(z.string(), z.string()),
  lastSyncAt: z.optional(z.string()),
  lastNotificationAt: z.optional(z.string()),
  lastDataAt: z.optional(z.string()),
  grantedTypes: z.optional(z.array(z.string())),
  refusedTypes: z.optional(z.array(z.string())),
  tokenVersion: z.int(),
  sealedTokens: z.optional(sealedSchema),
  refreshLeaseUntil: z.optional(z.string()),
});
type LinkItem = z.infer<typeof linkItemSchema>;

const invitationItemSchema = z.object({
  invitationId: z.string(),
  memberId: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  usedAt: z.optional(z.string()),
  cancelledAt: z.optional(z.string()),
  pendingAuthorization: z.optional(
    z.object({ stateNonce: z.string(), codeVerifier: z.string(), startedAt: z.string() }),
  ),
});

const toLink = (item: LinkItem): WearableLink => ({
  memberId: item.memberId,
  provider: item.provider,
  state: item.state,
  healthUserId: item.healthUserId,
  timezone: item.timezone,
  linkedAt: item.linkedAt,
  cursors: item.cursors,
  ...(item.lastSyncAt === undefined ? {} : { lastSyncAt: item.lastSyncAt }),
  ...(item.lastNotificationAt === undefined ? {} : { lastNotificationAt: item.lastNotificationAt }),
  ...(item.lastDataAt === undefined ? {} : { lastDataAt: item.lastDataAt }),
  ...(item.grantedTypes === undefined ? {} : { grantedTypes: item.grantedTypes }),
  ...(item.refusedTypes === undefined ? {} : { refusedTypes: item.refusedTypes }),
});

const cancellationCodes = (error: TransactionCanceledException): (string | undefined)[] =>
  (error.CancellationReasons ?? []).map((reason) => reason.Code);

const laterOf = (a: string | undefined, b: string | undefined): string | undefined =>
  a === undefined ? b : b === undefined ? a : a > b ? a : b;

/**
 * Google Health links, their encrypted tokens, the account-to-member mapping and invitations, all in the
 * directory table. Every write that could race is conditional; linking and unlinking are transactions.
 */
export class DynamoDbLinkStore implements LinkStore, LinkTokenStore, LinkRegistry, InvitationStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** Links per page of linkedPages (DynamoDB's 1 MB page limit applies as well). */
    private readonly pageSize = 500,
  ) {}

  private async getLinkItem(memberId: string): Promise<LinkItem | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: linkKey(memberId), ConsistentRead: true }),
    );
    return Item === undefined ? undefined : linkItemSchema.parse(Item);
  }

  /** Runs an update whose condition may fail; returns whether it was applied. */
  private async conditionalUpdate(input: ConstructorParameters<typeof UpdateCommand>[0]): Promise<boolean> {
    try {
      await this.client.send(new UpdateCommand(input));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  // LinkStore

  async get(memberId: string): Promise<WearableLink | undefined> {
    const item = await this.getLinkItem(memberId);
    return item === undefined ? undefined : toLink(item);
  }

  async findMemberByHealthUserId(healthUserId: string): Promise<string | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: healthUserKey(healthUserId) }),
    );
    return typeof Item?.memberId === 'string' ? Item.memberId : undefined;
  }

  async *linkedPages(
    states: readonly WearableLink['state'][] = ['linked'],
  ): AsyncIterable<readonly WearableLink[]> {
    for (const state of states) {
      const pages = paginateQuery(
        { client: this.client, pageSize: this.pageSize },
        {
          TableName: this.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :links',
          ExpressionAttributeValues: { ':links': linksIndexPartition(state) },
        },
      );
      for await (const page of pages) {
        yield (page.Items ?? []).map((item) => toLink(linkItemSchema.parse(item)));
      }
    }
  }

  async recordSync(memberId: string, update: SyncRecord): Promise<void> {
    // Optimistic: each cursor only moves forward, checked in the condition; re-read and retry on a race.
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const item = await this.getLinkItem(memberId);
      if (item === undefined) return;
      // DynamoDB refuses unused attribute names, so #cursors is only named when a cursor moves.
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = {};
      const sets: string[] = [];
      const conditions: string[] = ['attribute_exists(pk)'];
      Object.entries(update.cursors).forEach(([dataType, cursor], index) => {
        const current = item.cursors[dataType];
        if (current !== undefined && current >= cursor) return;
        names['#cursors'] = 'cursors';
        names[`#c${index}`] = dataType;
        values[`:c${index}`] = cursor;
        sets.push(`#cursors.#c${index} = :c${index}`);
        conditions.push(
          current === undefined
            ? `attribute_not_exists(#cursors.#c${index})`
            : `#cursors.#c${index} = :was${index}`,
        );
        if (current !== undefined) values[`:was${index}`] = current;
      });
      for (const field of ['lastSyncAt', 'lastDataAt'] as const) {
        const next = laterOf(item[field], update[field]);
        if (next === undefined || next === item[field]) continue;
        values[`:${field}`] = next;
        sets.push(`${field} = :${field}`);
        conditions.push(
          item[field] === undefined ? `attribute_not_exists(${field})` : `${field} = :was_${field}`,
        );
        if (item[field] !== undefined) values[`:was_${field}`] = item[field];
      }
      const consentFields = [
        ['grantedTypes', update.consent?.granted],
        ['refusedTypes', update.consent?.refused],
      ] as const;
      for (const [field, next] of consentFields) {
        if (next === undefined || JSON.stringify(next) === JSON.stringify(item[field] ?? [])) continue;
        values[`:${field}`] = next;
        sets.push(`${field} = :${field}`);
      }
      if (sets.length === 0) return;
      const applied = await this.conditionalUpdate({
        TableName: this.tableName,
        Key: linkKey(memberId),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: conditions.join(' AND '),
        ...(Object.keys(names).length === 0 ? {} : { ExpressionAttributeNames: names }),
        ExpressionAttributeValues: values,
      });
      if (applied) return;
    }
    throw new Error(`recordSync for member ${memberId} kept losing races`);
  }

  async recordNotification(memberId: string, at: string): Promise<void> {
    await this.conditionalUpdate({
      TableName: this.tableName,
      Key: linkKey(memberId),
      UpdateExpression: 'SET lastNotificationAt = :at',
      ConditionExpression:
        'attribute_exists(pk) AND (attribute_not_exists(lastNotificationAt) OR lastNotificationAt < :at)',
      ExpressionAttributeValues: { ':at': at },
    });
  }

  async setState(memberId: string, state: LinkState): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: linkKey(memberId),
        UpdateExpression: 'SET #state = :state, gsi1pk = :gsi1pk',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':state': state, ':gsi1pk': linksIndexPartition(state) },
      }),
    );
  }

  // LinkTokenStore

  async readTokens(memberId: string): Promise<StoredTokens | undefined> {
    const item = await this.getLinkItem(memberId);
    if (item?.sealedTokens === undefined) return undefined;
    return {
      state: item.state,
      tokenVersion: item.tokenVersion,
      sealed: item.sealedTokens,
      ...(item.refreshLeaseUntil === undefined ? {} : { refreshLeaseUntil: item.refreshLeaseUntil }),
    };
  }

  tryAcquireRefreshLease(memberId: string, tokenVersion: number, until: Date, now: Date): Promise<boolean> {
    return this.conditionalUpdate({
      TableName: this.tableName,
      Key: linkKey(memberId),
      UpdateExpression: 'SET refreshLeaseUntil = :until',
      ConditionExpression:
        'tokenVersion = :version AND #state = :linked AND ' +
        '(attribute_not_exists(refreshLeaseUntil) OR refreshLeaseUntil <= :now)',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: {
        ':until': until.toISOString(),
        ':version': tokenVersion,
        ':linked': 'linked',
        ':now': now.toISOString(),
      },
    });
  }

  replaceTokens(memberId: string, tokenVersion: number, sealed: SealedTokens): Promise<boolean> {
    return this.conditionalUpdate({
      TableName: this.tableName,
      Key: linkKey(memberId),
      UpdateExpression: 'SET sealedTokens = :sealed, tokenVersion = :next REMOVE refreshLeaseUntil',
      ConditionExpression: 'tokenVersion = :version AND #state = :linked',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: {
        ':sealed': sealed,
        ':next': tokenVersion + 1,
        ':version': tokenVersion,
        ':linked': 'linked',
      },
    });
  }

  async releaseRefreshLease(memberId: string, tokenVersion: number): Promise<void> {
    await this.conditionalUpdate({
      TableName: this.tableName,
      Key: linkKey(memberId),
      UpdateExpression: 'REMOVE refreshLeaseUntil',
      ConditionExpression: 'tokenVersion = :version',
      ExpressionAttributeValues: { ':version': tokenVersion },
    });
  }

  markNeedsRelink(memberId: string, tokenVersion: number): Promise<boolean> {
    return this.conditionalUpdate({
      TableName: this.tableName,
      Key: linkKey(memberId),
      UpdateExpression: 'SET #state = :needsRelink, gsi1pk = :gsi1pk REMOVE refreshLeaseUntil',
      ConditionExpression: 'tokenVersion = :version AND #state = :linked',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: {
        ':needsRelink': 'needs-relink',
        ':gsi1pk': linksIndexPartition('needs-relink'),
        ':version': tokenVersion,
        ':linked': 'linked',
      },
    });
  }

  // LinkRegistry

  async createLink(link: NewLink): Promise<WearableLink> {
    const existing = await this.getLinkItem(link.memberId);
    if (existing?.state === 'linked' && existing.healthUserId !== link.healthUserId) {
      throw new MemberAlreadyLinkedError(link.memberId);
    }
    const sameAccount = existing?.healthUserId === link.healthUserId;
    const wearableLink: WearableLink = {
      memberId: link.memberId,
      provider: 'google-health',
      state: 'linked',
      healthUserId: link.healthUserId,
      timezone: link.timezone,
      linkedAt: link.now.toISOString(),
      // A re-link of the same account resumes where sync stopped; a different account starts afresh.
      cursors: sameAccount && existing !== undefined ? existing.cursors : {},
      ...(existing?.lastSyncAt === undefined ? {} : { lastSyncAt: existing.lastSyncAt }),
      ...(existing?.lastDataAt === undefined ? {} : { lastDataAt: existing.lastDataAt }),
    };
    const staleMapping =
      existing !== undefined && existing.state !== 'unlinked' && !sameAccount
        ? existing.healthUserId
        : undefined;
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...linkKey(link.memberId),
                  type: 'link',
                  gsi1pk: linksIndexPartition('linked'),
                  gsi1sk: link.memberId,
                  ...wearableLink,
                  tokenVersion: (existing?.tokenVersion ?? 0) + 1,
                  sealedTokens: link.sealed,
                },
                ...(existing === undefined
                  ? { ConditionExpression: 'attribute_not_exists(pk)' }
                  : {
                      ConditionExpression: 'tokenVersion = :version',
                      ExpressionAttributeValues: { ':version': existing.tokenVersion },
                    }),
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...healthUserKey(link.healthUserId),
                  type: 'health-user',
                  healthUserId: link.healthUserId,
                  memberId: link.memberId,
                },
                ConditionExpression: 'attribute_not_exists(pk) OR memberId = :memberId',
                ExpressionAttributeValues: { ':memberId': link.memberId },
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: invitationKey(link.invitationId),
                UpdateExpression: 'SET usedAt = :now REMOVE pendingAuthorization',
                ConditionExpression:
                  'attribute_exists(pk) AND attribute_not_exists(usedAt) AND attribute_not_exists(cancelledAt) ' +
                  'AND expiresAt > :now AND memberId = :memberId',
                ExpressionAttributeValues: { ':now': link.now.toISOString(), ':memberId': link.memberId },
              },
            },
            ...(staleMapping === undefined
              ? []
              : [
                  {
                    Delete: {
                      TableName: this.tableName,
                      Key: healthUserKey(staleMapping),
                      ConditionExpression: 'attribute_not_exists(pk) OR memberId = :memberId',
                      ExpressionAttributeValues: { ':memberId': link.memberId },
                    },
                  },
                ]),
          ],
        }),
      );
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const [linkCode, mappingCode, invitationCode] = cancellationCodes(error);
      if (mappingCode === 'ConditionalCheckFailed')
        throw new HealthAccountLinkedElsewhereError(link.healthUserId);
      if (invitationCode === 'ConditionalCheckFailed') throw new InvitationNotUsableError(link.invitationId);
      if (linkCode === 'ConditionalCheckFailed') throw new MemberAlreadyLinkedError(link.memberId);
      throw error;
    }
    return wearableLink;
  }

  async removeLink(memberId: string): Promise<{ sealed: SealedTokens; healthUserId: string } | undefined> {
    const existing = await this.getLinkItem(memberId);
    if (existing === undefined || existing.state === 'unlinked') return undefined;
    await this.client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: this.tableName,
              Key: linkKey(memberId),
              UpdateExpression:
                'SET #state = :unlinked, gsi1pk = :gsi1pk, tokenVersion = :next, unlinkedAt = :now ' +
                'REMOVE sealedTokens, refreshLeaseUntil',
              ConditionExpression: 'tokenVersion = :version',
              ExpressionAttributeNames: { '#state': 'state' },
              ExpressionAttributeValues: {
                ':unlinked': 'unlinked',
                ':gsi1pk': linksIndexPartition('unlinked'),
                ':next': existing.tokenVersion + 1,
                ':version': existing.tokenVersion,
                ':now': new Date().toISOString(),
              },
            },
          },
          {
            Delete: {
              TableName: this.tableName,
              Key: healthUserKey(existing.healthUserId),
              ConditionExpression: 'attribute_not_exists(pk) OR memberId = :memberId',
              ExpressionAttributeValues: { ':memberId': memberId },
            },
          },
        ],
      }),
    );
    return existing.sealedTokens === undefined
      ? undefined
      : { sealed: existing.sealedTokens, healthUserId: existing.healthUserId };
  }

  // InvitationStore

  async putInvitation(invitation: Invitation): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...invitationKey(invitation.invitationId),
          type: 'invitation',
          gsi1pk: memberInvitationsPartition(invitation.memberId),
          gsi1sk: `${invitation.createdAt}#${invitation.invitationId}`,
          ...invitation,
          ttl: Math.floor(Date.parse(invitation.expiresAt) / 1000) + INVITATION_RETENTION_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async getInvitation(invitationId: string): Promise<Invitation | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: invitationKey(invitationId), ConsistentRead: true }),
    );
    return Item === undefined ? undefined : invitationItemSchema.parse(Item);
  }

  startAuthorization(
    invitationId: string,
    pending: NonNullable<Invitation['pendingAuthorization']>,
    now: Date,
  ): Promise<boolean> {
    return this.conditionalUpdate({
      TableName: this.tableName,
      Key: invitationKey(invitationId),
      UpdateExpression: 'SET pendingAuthorization = :pending',
      ConditionExpression:
        'attribute_exists(pk) AND attribute_not_exists(usedAt) AND attribute_not_exists(cancelledAt) AND expiresAt > :now',
      ExpressionAttributeValues: { ':pending': pending, ':now': now.toISOString() },
    });
  }

  async clearAuthorization(invitationId: string, stateNonce: string): Promise<void> {
    await this.conditionalUpdate({
      TableName: this.tableName,
      Key: invitationKey(invitationId),
      UpdateExpression: 'REMOVE pendingAuthorization',
      ConditionExpression: 'pendingAuthorization.stateNonce = :nonce',
      ExpressionAttributeValues: { ':nonce': stateNonce },
    });
  }

  async listInvitations(memberId: string): Promise<Invitation[]> {
    const invitations: Invitation[] = [];
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :invites',
        ExpressionAttributeValues: { ':invites': memberInvitationsPartition(memberId) },
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) invitations.push(invitationItemSchema.parse(item));
    }
    return invitations;
  }

  cancelInvitation(invitationId: string, at: Date): Promise<boolean> {
    return this.conditionalUpdate({
      TableName: this.tableName,
      Key: invitationKey(invitationId),
      // The attempt in progress goes too, so its state can no longer complete a link.
      UpdateExpression: 'SET cancelledAt = :at REMOVE pendingAuthorization',
      ConditionExpression:
        'attribute_exists(pk) AND attribute_not_exists(usedAt) AND attribute_not_exists(cancelledAt)',
      ExpressionAttributeValues: { ':at': at.toISOString() },
    });
  }

  async deleteInvitation(invitationId: string): Promise<void> {
    await this.client.send(
      new DeleteCommand({ TableName: this.tableName, Key: invitationKey(invitationId) }),
    );
  }
}
