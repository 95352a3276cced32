import {
  MessageRejected,
  SESv2Client,
  SendEmailCommand,
  TooManyRequestsException,
} from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { SesMailSender } from '../../../../shared/adapters/ses-mail-sender.js';
import { classifyDeliveryFailure } from '../../../../shared/domain/delivery/delivery-failure.js';

const client = new SESv2Client({ region: 'eu-west-2' });
const ses = mockClient(client);
const sender = new SesMailSender(client, 'pulse-relay alerts <alerts@relay.example.org>');
const message = { to: 'care@example.org', subject: 'New urgent alert', text: 'Open the console.' };

beforeEach(() => ses.reset());

describe('SesMailSender', () => {
  it('sends one plain-text email from the configured identity to one recipient', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'm-1' });
    await sender.send(message);
    expect(ses.commandCalls(SendEmailCommand).map((call) => call.args[0].input)).toEqual([
      {
        FromEmailAddress: 'pulse-relay alerts <alerts@relay.example.org>',
        Destination: { ToAddresses: ['care@example.org'] },
        Content: {
          Simple: {
            Subject: { Data: 'New urgent alert', Charset: 'UTF-8' },
            Body: { Text: { Data: 'Open the console.', Charset: 'UTF-8' } },
          },
        },
      },
    ]);
  });

  it('reports MessageRejected as a refusal, which is not retried', async () => {
    ses.on(SendEmailCommand).rejects(new MessageRejected({ message: 'suppressed', $metadata: {} }));
    const error = await sender.send(message).catch((caught: unknown) => caught);
    expect(classifyDeliveryFailure(error)).toBe('refused');
  });

  it('lets throttling through unchanged, so the message is retried', async () => {
    ses.on(SendEmailCommand).rejects(new TooManyRequestsException({ message: 'slow down', $metadata: {} }));
    const error = await sender.send(message).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TooManyRequestsException);
    expect(classifyDeliveryFailure(error)).toBe('retry');
  });
});
