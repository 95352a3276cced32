import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { createSyncRecordHandler } from '../../../../functions/sync-worker/sync-record.js';
import { GoogleHealthRateLimitedError } from '../../../../shared/adapters/google-health/data-client-errors.js';
import { googleCallTally } from '../../../../shared/adapters/metered-ports.js';
import { LinkNeedsRelinkError } from '../../../../shared/domain/ports/access-token-provider.js';
import type { WearableSource } from '../../../../shared/domain/ports/wearable-source.js';
import { InMemoryLinkStore, linkFor } from '../../../fakes/link-store.js';
import { InMemoryReadingStore } from '../../../fakes/reading-store.js';

const logger = new Logger({ serviceName: 'test', logLevel: 'SILENT' });

const record = (messageId: string, body: string): SQSRecord =>
  ({
    messageId,
    receiptHandle: messageId,
    body,
    attributes: {},
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-west-2:000000000000:sync-jobs',
    awsRegion: 'eu-west-2',
  }) as SQSRecord;

/** Each member's upstream behaves differently: fine, needs re-link, or rate limited for good. */
const source: WearableSource = {
  async fetchWindow(memberId) {
    if (memberId === 'm-relink') throw new LinkNeedsRelinkError(memberId);
    if (memberId === 'm-limited')
      throw new GoogleHealthRateLimitedError(429, 'RESOURCE_EXHAUSTED', undefined, 'x');
    return { readings: [], upstreamIdentities: new Set<string>() };
  },
  async newestWornTime() {
    return undefined;
  },
};

describe('sync-worker record handler', () => {
  it('acknowledges synced and needs-relink jobs, and reports rate-limit exhaustion and bad bodies as failures', async () => {
    const links = new InMemoryLinkStore();
    for (const memberId of ['m-ok', 'm-relink', 'm-limited']) links.seed(linkFor(memberId));
    const handler = createSyncRecordHandler(
      {
        links,
        readings: new InMemoryReadingStore(),
        source,
        clock: { now: () => new Date('2026-11-23T10:00:00Z') },
      },
      logger,
    );
    const event: SQSEvent = {
      Records: [
        record('1', JSON.stringify({ memberId: 'm-ok', reason: 'webhook', dataTypes: ['steps'] })),
        record('2', JSON.stringify({ memberId: 'm-relink', reason: 'webhook' })),
        record('3', JSON.stringify({ memberId: 'm-limited', reason: 'catch-up' })),
        record('4', JSON.stringify({ memberId: 'm-ok', reason: 'because' })),
        record('5', 'not json'),
      ],
    };

    const response = await processPartialResponse(event, handler, new BatchProcessor(EventType.SQS), {
      context: {} as Context,
    });

    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier).sort()).toEqual([
      '3',
      '4',
      '5',
    ]);
    expect((await links.get('m-ok'))?.lastSyncAt).toBe('2026-11-23T10:00:00.000Z');
  });

  it('finds the member of a webhook job by Google account, records the notification, and drops unknown accounts', async () => {
    const links = new InMemoryLinkStore();
    links.seed(linkFor('m-ok', { healthUserId: 'hu-ok' }));
    const handler = createSyncRecordHandler(
      {
        links,
        readings: new InMemoryReadingStore(),
        source,
        clock: { now: () => new Date('2026-11-23T10:00:00Z') },
      },
      logger,
    );
    const event: SQSEvent = {
      Records: [
        record('1', JSON.stringify({ healthUserId: 'hu-ok', reason: 'webhook', dataTypes: ['steps'] })),
        record('2', JSON.stringify({ healthUserId: 'hu-nobody', reason: 'webhook', dataTypes: ['sleep'] })),
      ],
    };

    const response = await processPartialResponse(event, handler, new BatchProcessor(EventType.SQS), {
      context: {} as Context,
    });

    expect(response.batchItemFailures).toEqual([]);
    const link = await links.get('m-ok');
    expect(link?.lastNotificationAt).toBe('2026-11-23T10:00:00.000Z');
    expect(Object.keys(link?.cursors ?? {})).toEqual(['steps']);
  });

  it('writes the Google call counts of each job when it ends, synced or failed', async () => {
    const links = new InMemoryLinkStore();
    for (const memberId of ['m-ok', 'm-limited']) links.seed(linkFor(memberId));
    const flush = vi.spyOn(googleCallTally, 'flush');
    const handler = createSyncRecordHandler(
      {
        links,
        readings: new InMemoryReadingStore(),
        source,
        clock: { now: () => new Date('2026-11-23T10:00:00Z') },
      },
      logger,
    );
    await handler(record('1', JSON.stringify({ memberId: 'm-ok', reason: 'webhook', dataTypes: ['steps'] })));
    expect(flush).toHaveBeenCalledTimes(1);
    await expect(
      handler(record('2', JSON.stringify({ memberId: 'm-limited', reason: 'catch-up' }))),
    ).rejects.toThrow();
    expect(flush).toHaveBeenCalledTimes(2);
    flush.mockRestore();
  });
});
