import { type DynamoDBDocumentClient, GetCommand, paginateQuery, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { StaffDirectory } from '../domain/ports/staff-directory.js';
import type { StaffMember } from '../domain/staff/staff-member.js';
import { STAFF_INDEX, staffKey } from './table-keys.js';

const toStaff = (item: Record<string, unknown> | undefined): StaffMember | undefined => {
  if (item === undefined) return undefined;
  const teams = item.teams instanceof Set ? [...(item.teams as Set<string>)] : [];
  return { email: String(item.email), name: String(item.name), teams: teams.sort() };
};

/** Staff users in the single-table directory: teams are a string set, so adding one twice changes nothing. */
export class DynamoDbStaffDirectory implements StaffDirectory {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getStaff(email: string): Promise<StaffMember | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: staffKey(email), ConsistentRead: true }),
    );
    return toStaff(Item);
  }

  async addToTeam(input: { email: string; name: string; teamId: string }): Promise<StaffMember> {
    const { Attributes } = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: staffKey(input.email),
        UpdateExpression:
          'SET #type = :type, email = :email, #name = if_not_exists(#name, :name), gsi1pk = :index, gsi1sk = :email ADD teams :team',
        ExpressionAttributeNames: { '#type': 'type', '#name': 'name' },
        ExpressionAttributeValues: {
          ':type': 'staff',
          ':email': input.email,
          ':name': input.name,
          ':index': STAFF_INDEX.partitionValue,
          ':team': new Set([input.teamId]),
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    const staff = toStaff(Attributes);
    if (staff === undefined) throw new Error('DynamoDB returned no attributes for an update');
    return staff;
  }

  async removeFromTeam(input: { email: string; teamId: string }): Promise<StaffMember | undefined> {
    const { Attributes } = await this.client
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: staffKey(input.email),
          UpdateExpression: 'DELETE teams :team',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':team': new Set([input.teamId]) },
          ReturnValues: 'ALL_NEW',
        }),
      )
      .catch((error: unknown) => {
        if (error instanceof Error && error.name === 'ConditionalCheckFailedException')
          return { Attributes: undefined };
        throw error;
      });
    return toStaff(Attributes);
  }

  async listStaff(): Promise<StaffMember[]> {
    const staff: StaffMember[] = [];
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        IndexName: STAFF_INDEX.name,
        KeyConditionExpression: 'gsi1pk = :staff',
        ExpressionAttributeValues: { ':staff': STAFF_INDEX.partitionValue },
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        const person = toStaff(item);
        if (person !== undefined) staff.push(person);
      }
    }
    return staff;
  }
}
