import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../../shared/adapters/dynamodb-document-client.js';
import { DynamoDbMemberDirectory } from '../../../shared/adapters/dynamodb-member-directory.js';
import { cliInProcess as cli } from '../support/in-process-cli.js';
import { createIsolatedStack, type IsolatedStack } from '../support/isolated-stack.js';

let stack: IsolatedStack;

beforeAll(async () => {
  stack = await createIsolatedStack();
});
afterAll(async () => stack?.stop());

describe('care teams in DynamoDB Local, through the CLI', () => {
  it('creates a member in a team, moves them, and keeps an audit record of the move', async () => {
    const created = await cli(
      'member',
      'create',
      '--name',
      'Sam Example',
      '--timezone',
      'Europe/London',
      '--team',
      'team-north',
    );
    expect(created.exitCode).toBe(0);
    const { memberId, teamId } = created.output as { memberId: string; teamId: string };
    expect(teamId).toBe('team-north');

    const moved = await cli('member', 'move', '--member', memberId, '--team', 'team-south', '--by', 'alex');
    expect(moved.exitCode).toBe(0);
    expect(moved.output).toMatchObject({ fromTeamId: 'team-north', toTeamId: 'team-south', movedBy: 'alex' });

    const directory = new DynamoDbMemberDirectory(createDocumentClient(), stack.resources.tables.directory);
    expect((await directory.getMember(memberId))?.teamId).toBe('team-south');
    const moves = await directory.listTeamMoves(memberId);
    expect(moves).toEqual([
      {
        memberId,
        fromTeamId: 'team-north',
        toTeamId: 'team-south',
        movedBy: 'alex',
        movedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      },
    ]);
    const listed = await cli('member', 'list');
    expect(listed.output).toMatchObject({
      members: [expect.objectContaining({ memberId, teamId: 'team-south' })],
    });

    const again = await cli('member', 'move', '--member', memberId, '--team', 'team-south');
    expect(again.exitCode).toBe(1);
    expect(again.error).toContain('already in team team-south');
    expect(await directory.listTeamMoves(memberId)).toHaveLength(1);
  });

  it('refuses a malformed team id with a message a person can act on', async () => {
    const created = await cli(
      'member',
      'create',
      '--name',
      'Jo',
      '--timezone',
      'Europe/London',
      '--team',
      'North!',
    );
    expect(created.exitCode).toBe(1);
    expect(created.error).toContain('teamId: must be 2-40 lower-case letters');
  });
});
