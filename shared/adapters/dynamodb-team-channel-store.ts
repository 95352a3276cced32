import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { TeamChannels } from '../domain/delivery/team-channels.js';
import type { TeamChannelStore } from '../domain/ports/team-channel-store.js';
import { teamChannelsKey } from './table-keys.js';

/** A team's delivery channels, one item in the directory table (no secret in it: only its reference). */
export class DynamoDbTeamChannelStore implements TeamChannelStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(teamId: string): Promise<TeamChannels | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: teamChannelsKey(teamId) }),
    );
    if (Item === undefined) return undefined;
    return {
      teamId: Item.teamId,
      ...(Item.email === undefined ? {} : { email: Item.email }),
      ...(Item.webhook === undefined ? {} : { webhook: Item.webhook }),
      updatedAt: Item.updatedAt,
      updatedBy: Item.updatedBy,
    };
  }

  async put(channels: TeamChannels): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...teamChannelsKey(channels.teamId), type: 'team-channels', ...channels },
      }),
    );
  }
}
