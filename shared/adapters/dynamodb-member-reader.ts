import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Member } from '../domain/member.js';
import type { MemberReader } from '../domain/ports/member-reader.js';
import { memberKey } from './table-keys.js';

export const toMember = (item: Record<string, unknown>): Member => ({
  memberId: String(item.memberId),
  name: String(item.name),
  timezone: String(item.timezone),
  createdAt: String(item.createdAt),
  ...(typeof item.bloodPressureMonitorSince === 'string'
    ? { bloodPressureMonitorSince: item.bloodPressureMonitorSince }
    : {}),
  ...(typeof item.teamId === 'string' ? { teamId: item.teamId } : {}),
  ...(typeof item.erasureRequestedAt === 'string' ? { erasureRequestedAt: item.erasureRequestedAt } : {}),
});

/**
 * Looks members up in the single-table directory. The rest of the directory (enrolment, listing, team
 * moves) is DynamoDbMemberDirectory, which extends this, so functions that only read a member bundle this.
 */
export class DynamoDbMemberReader implements MemberReader {
  constructor(
    protected readonly client: DynamoDBDocumentClient,
    protected readonly tableName: string,
  ) {}

  async getMember(memberId: string): Promise<Member | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: memberKey(memberId) }),
    );
    if (Item === undefined) return undefined;
    return toMember(Item);
  }
}
