import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { PutCommand, paginateQuery, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Member, TeamMove } from '../domain/member.js';
import { type MemberDirectory, MemberTeamChangedError } from '../domain/ports/member-directory.js';
import type { MemberPages } from '../domain/ports/member-pages.js';
import { DynamoDbMemberReader, toMember } from './dynamodb-member-reader.js';
import { MEMBERS_INDEX, memberKey, TEAM_MOVE_PREFIX, teamMoveKey } from './table-keys.js';

export class MemberAlreadyExistsError extends Error {
  constructor(memberId: string) {
    super(`Member ${memberId} already exists`);
    this.name = 'MemberAlreadyExistsError';
  }
}

/** Members in the single-table directory (devices: dynamodb-device-registry.ts). */
export class DynamoDbMemberDirectory extends DynamoDbMemberReader implements MemberDirectory, MemberPages {
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

  async moveMemberToTeam(move: TeamMove): Promise<void> {
    const fromCondition = move.fromTeamId === undefined ? 'attribute_not_exists(teamId)' : 'teamId = :from';
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: memberKey(move.memberId),
                UpdateExpression: 'SET teamId = :to, teamMovedAt = :at, teamMovedBy = :by',
                ConditionExpression: `attribute_exists(pk) AND ${fromCondition}`,
                ExpressionAttributeValues: {
                  ':to': move.toTeamId,
                  ':at': move.movedAt,
                  ':by': move.movedBy,
                  ...(move.fromTeamId === undefined ? {} : { ':from': move.fromTeamId }),
                },
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: { ...teamMoveKey(move.memberId, move.movedAt), type: 'team-move', ...move },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
    } catch (error) {
      if (error instanceof TransactionCanceledException) throw new MemberTeamChangedError(move.memberId);
      throw error;
    }
  }

  async listTeamMoves(memberId: string): Promise<TeamMove[]> {
    const moves: TeamMove[] = [];
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': memberKey(memberId).pk, ':prefix': TEAM_MOVE_PREFIX },
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        moves.push({
          memberId: item.memberId,
          ...(typeof item.fromTeamId === 'string' ? { fromTeamId: item.fromTeamId } : {}),
          toTeamId: item.toTeamId,
          movedBy: item.movedBy,
          movedAt: item.movedAt,
        });
      }
    }
    return moves;
  }
}
