import { type DynamoDBDocumentClient, GetCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { CareTeamRoster, TeamMember } from '../domain/ports/care-team-roster.js';
import { MEMBERS_INDEX, memberKey } from './table-keys.js';

const toTeamMember = (item: Record<string, unknown> | undefined): TeamMember | undefined => {
  if (item === undefined || typeof item.teamId !== 'string') return undefined;
  return {
    memberId: String(item.memberId),
    name: String(item.name),
    timezone: String(item.timezone),
    createdAt: String(item.createdAt),
    teamId: item.teamId,
  };
};

/** Reads the `teamId` attribute of member profiles in the directory table. A member with no team is in none. */
export class DynamoDbCareTeamRoster implements CareTeamRoster {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async teamMember(memberId: string): Promise<TeamMember | undefined> {
    const { Item } = await this.client.send(
      // Consistent: a member moved to another team must stop being visible to the old one at once.
      new GetCommand({ TableName: this.tableName, Key: memberKey(memberId), ConsistentRead: true }),
    );
    return toTeamMember(Item);
  }

  /** One query over the members index; a charity has hundreds of members, not millions. */
  async membersOf(teamIds: readonly string[]): Promise<TeamMember[]> {
    if (teamIds.length === 0) return [];
    const wanted = new Set(teamIds);
    const members: TeamMember[] = [];
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
      for (const item of page.Items ?? []) {
        const member = toTeamMember(item);
        if (member !== undefined && wanted.has(member.teamId)) members.push(member);
      }
    }
    return members;
  }
}
