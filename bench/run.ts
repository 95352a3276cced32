import { parseArgs } from 'node:util';
import { measureFunctions } from './function-bundles.js';
import { inFreshProcess } from './in-fresh-process.js';
import { measureIngestThroughput } from './ingest-throughput.js';
import type { SyncThroughput } from './members-synced-per-minute.js';
import { measureUploadToAlert } from './upload-to-alert-latency.js';
import { measureWearableSyncCost } from './wearable-sync-cost.js';

const { values } = parseArgs({ options: { json: { type: 'boolean' } } });
const progress = (text: string) => {
  if (values.json !== true) process.stderr.write(`${text}\n`);
};

progress('measuring validate + normalise throughput…');
const ingest = measureIngestThroughput();
progress('measuring upload -> alert on the local stack (200 uploads)…');
const e2eFigures = await measureUploadToAlert(200);
progress('bundling each function and timing module init…');
const functions = await measureFunctions();
progress('simulating a member-day of Google Health sync…');
const wearableCost = await measureWearableSyncCost();
progress('syncing 20 linked members through the local stack…');
const throughput = await inFreshProcess<SyncThroughput>('bench/members-synced-per-minute-main.ts');
const wearable = { ...wearableCost, ...throughput };

const result = {
  ingest,
  e2e: { p50Ms: e2eFigures.p50Ms, p95Ms: e2eFigures.p95Ms },
  functions,
  wearable,
};

if (values.json === true) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  const verdict = (ok: boolean) => (ok ? 'meets' : 'MISSES');
  const share = ingest.readingsPerSecond / ingest.jsonParseReadingsPerSecond;
  const rows: Array<[string, string, string, string]> = [
    ['Figure', 'Value', 'Target', ''],
    [
      'Validate + normalise, one core',
      `${ingest.readingsPerSecond.toLocaleString('en-GB')} readings/s`,
      '>= 1,000,000/s',
      verdict(ingest.readingsPerSecond >= 1_000_000),
    ],
    [
      'Plain JSON.parse, same payload',
      `${ingest.jsonParseReadingsPerSecond.toLocaleString('en-GB')} readings/s (${Math.round(share * 100)}%)`,
      '>= 25%',
      verdict(share >= 0.25),
    ],
    ['Upload -> alert email in team mailbox, p50', `${e2eFigures.p50Ms} ms`, '', ''],
    [
      'Upload -> alert email in team mailbox, p95',
      `${e2eFigures.p95Ms} ms`,
      '<= 500 ms',
      verdict(e2eFigures.p95Ms <= 500),
    ],
    ...functions.map((figure): [string, string, string, string] => [
      `${figure.name}: bundle, init`,
      `${(figure.bundleBytes / 1024).toFixed(1)} KB, ${figure.initMs} ms (own code ${figure.initMsOwnCode} ms)`,
      '<= 150 KB, <= 50 ms',
      verdict(figure.bundleBytes <= 150 * 1024 && figure.initMs <= 50),
    ]),
    [
      'Google Health calls per member-day',
      `${wearable.apiCallsPerMemberDay.webhook} webhook-driven (${wearable.apiCallsPerMemberDay.polling15Min} polling every 15 min)`,
      '<= 50',
      verdict(wearable.apiCallsPerMemberDay.webhook <= 50),
    ],
    [
      'DynamoDB write units per member-day',
      `${wearable.writeUnitsPerMemberDay.webhook} webhook-driven (${wearable.writeUnitsPerMemberDay.polling15Min} polling)`,
      '<= 100',
      verdict(wearable.writeUnitsPerMemberDay.webhook <= 100),
    ],
    [
      'Members synced per minute, local stack',
      `${wearable.membersSyncedPerMinute} catch-up syncs; ${wearable.backfillsPerMinute} 30-day backfills`,
      '',
      '',
    ],
  ];
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  for (const row of rows)
    process.stdout.write(`${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ')}\n`);
}
