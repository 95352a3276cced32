import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  paginateQuery,
} from '@aws-sdk/lib-dynamodb';
import type { Invitation } from '../domain/link/invitation.js';
import type { InvitationStore } from '../domain/link/invitation-store.js';
import * as z from '../domain/zod-mini.js';
import { conditionalUpdate } from './dynamodb-conditional-update.js';
import { invitationKey, memberInvitationsPartition } from './table-keys.js';

/** Invitations linger this long after expiry (for audit) before DynamoDB TTL may delete them. */
const INVITATION_RETENTION_SECONDS = 30 * 24 * 3600;

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

/** Link invitations in the directory table, indexed under their member; every state change is conditional. */
export class DynamoDbInvitationStore implements InvitationStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

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
    return conditionalUpdate(this.client, {
      TableName: this.tableName,
      Key: invitationKey(invitationId),
      UpdateExpression: 'SET pendingAuthorization = :pending',
      ConditionExpression:
        'attribute_exists(pk) AND attribute_not_exists(usedAt) AND attribute_not_exists(cancelledAt) AND expiresAt > :now',
      ExpressionAttributeValues: { ':pending': pending, ':now': now.toISOString() },
    });
  }

  async clearAuthorization(invitationId: string, stateNonce: string): Promise<void> {
    await conditionalUpdate(this.client, {
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
    return conditionalUpdate(this.client, {
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
