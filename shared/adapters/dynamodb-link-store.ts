import { type DynamoDBDocumentClient, GetCommand, paginateQuery, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { LinkTokenStore, StoredTokens } from '../domain/link/link-token-store.js';
import type { LinkStore, SyncRecord } from '../domain/ports/link-store.js';
import type { SealedTokens } from '../domain/ports/token-vault.js';
import type { LinkState, WearableLink } from '../domain/wearable-link.js';
import { conditionalUpdate } from './dynamodb-conditional-update.js';
import { linkItemSchema, linksIndexPartition, readLinkItem, toLink } from './dynamodb-link-item.js';
import { healthUserKey, linkKey } from './table-keys.js';

const laterOf = (a: string | undefined, b: string | undefined): string | undefined =>
  a === undefined ? b : b === undefined ? a : a > b ? a : b;

/**
 * A member's Google Health link as sync uses it: its state, cursors and encrypted tokens, in the directory
 * table. Every write that could race is conditional. Linking and unlinking are DynamoDbLinkRegistry's;
 * invitations are DynamoDbInvitationStore's (kept apart so a sync worker bundles only what it runs).
 */
export class DynamoDbLinkStore implements LinkStore, LinkTokenStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** Links per page of linkedPages (DynamoDB's 1 MB page limit applies as well). */
    private readonly pageSize = 500,
  ) {}

  async get(memberId: string): Promise<WearableLink | undefined> {
    const item = await readLinkItem(this.client, this.tableName, memberId);
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
      const item = await readLinkItem(this.client, this.tableName, memberId);
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
      const applied = await conditionalUpdate(this.client, {
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
    await conditionalUpdate(this.client, {
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
    const item = await readLinkItem(this.client, this.tableName, memberId);
    if (item?.sealedTokens === undefined) return undefined;
    return {
      state: item.state,
      tokenVersion: item.tokenVersion,
      sealed: item.sealedTokens,
      ...(item.refreshLeaseUntil === undefined ? {} : { refreshLeaseUntil: item.refreshLeaseUntil }),
    };
  }

  tryAcquireRefreshLease(memberId: string, tokenVersion: number, until: Date, now: Date): Promise<boolean> {
    return conditionalUpdate(this.client, {
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
    return conditionalUpdate(this.client, {
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
    await conditionalUpdate(this.client, {
      TableName: this.tableName,
      Key: linkKey(memberId),
      UpdateExpression: 'REMOVE refreshLeaseUntil',
      ConditionExpression: 'tokenVersion = :version',
      ExpressionAttributeValues: { ':version': tokenVersion },
    });
  }

  markNeedsRelink(memberId: string, tokenVersion: number): Promise<boolean> {
    return conditionalUpdate(this.client, {
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
}
