import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  paginateQuery,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Member } from '../domain/member.js';
import type { MemberDirectory } from '../domain/ports/member-directory.js';
import type { MemberPages } from '../domain/ports/member-pages.js';
import { MEMBERS_INDEX, memberKey } from './table-keys.js';

export class MemberAlreadyExistsError extends Error {
  constructor(memberId: string) {
    super(`Member ${memberId} already exists`);
    this.name = 'MemberAlreadyExistsError';
  }
}

const toMember = (item: Record<string, unknown>): Member => ({
  memberId: String(item.memberId),
  name: String(item.name),
  timezone: String(item.timezone),
  createdAt: String(item.createdAt),
  ...(typeof item.bloodPressureMonitorSince === 'string'
    ? { bloodPressureMonitorSince: item.bloodPressureMonitorSince }
    : {}),
});

/** Members in the single-table directory (devices: dynamodb-device-registry.ts). */
export class DynamoDbMemberDirectory implements MemberDirectory, MemberPages {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async createMember(member: Member): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...memberKey(member.memberId),
            gsi1pk: MEMBERS_INDEX.partitionValue,
            gsi1sk: `${member.createdAt}#${member.memberId}`,
            type: 'member',
            ...member,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException)
        throw new MemberAlreadyExistsError(member.memberId);
      throw error;
    }
  }

  async getMember(memberId: string): Promise<Member | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: memberKey(memberId) }),
    );
    if (Item === undefined) return undefined;
    return toMember(Item);
  }

  async listMembers(): Promise<Member[]> {
    const members: Member[] = [];
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        IndexName: MEMBERS_INDEX.name,
        KeyConditionExpression: 'gsi1pk = :members',
        ExpressionAttributeValues: { ':members': MEMBERS_INDEX.partitionValue },
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) members.push(toMember(item));
    }
    return members;
  }

  /** One page of gsi1; the cursor is the page's LastEvaluatedKey as base64url JSON (opaque to callers). */
  async listMembersPage(cursor?: string, limit = 100): Promise<{ members: Member[]; cursor?: string }> {
    const page = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: MEMBERS_INDEX.name,
        KeyConditionExpression: 'gsi1pk = :members',
        ExpressionAttributeValues: { ':members': MEMBERS_INDEX.partitionValue },
        Limit: limit,
        ...(cursor === undefined
          ? {}
          : { ExclusiveStartKey: JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) }),
      }),
    );
    const members = (page.Items ?? []).map(toMember);
    return page.LastEvaluatedKey === undefined
      ? { members }
      : { members, cursor: Buffer.from(JSON.stringify(page.LastEvaluatedKey)).toString('base64url') };
  }
}
