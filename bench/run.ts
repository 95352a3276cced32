import { parseArgs } from 'node:util';
import { FUNCTION_SETTINGS } from '../infra/function-settings.js';
import type { FanOutFigure } from './catch-up-fan-out.js';
import { measureDenseHeartRate } from './dense-heart-rate.js';
import { measureFunctions } from './function-bundles.js';
import { inFreshProcess } from './in-fresh-process.js';
import { measureIngestThroughput } from './ingest-throughput.js';
import type { SyncThroughput } from './members-synced-per-minute.js';
import { measureUploadToAlert } from './upload-to-alert-latency.js';
import { measureWearableSyncCost } from './wearable-sync-cost.js';

const { values } = parseArgs({ options: { json: { type: 'boolean' }, analyse: { type: 'boolean' } } });
const progress = (text: string) => {
  if (values.json !== true) process.stderr.write(`${text}\n`);
};

progress('measuring validate + normalise throughput…');
const ingest = measureIngestThroughput();
progress('measuring upload -> alert on the local stack (200 uploads)…');
const e2eFigures = await measureUploadToAlert(200);
progress('bundling each function and timing module init…');
const functions = await measureFunctions('functions', { analyse: values.analyse === true });
progress('simulating a member-day of Google Health sync…');
const wearableCost = await measureWearableSyncCost();
progress('syncing 20 linked members through the local stack…');
const throughput = await inFreshProcess<SyncThroughput>('bench/members-synced-per-minute-main.ts');
progress('heart rate at 1 Hz: a member-day and a 30-day backfill…');
const dense = await measureDenseHeartRate(progress);
const wearable = { ...wearableCost, ...throughput, dense };
progress('queueing catch-up syncs for 10,000 linked members…');
const fanOutRun = await inFreshProcess<FanOutFigure>('bench/catch-up-fan-out-main.ts');
const fanOut = { members: fanOutRun.members, seconds: fanOutRun.seconds };
if (fanOutRun.distinctQueued !== fanOutRun.members || fanOutRun.duplicates !== 0) {
  throw new Error(
    `Fan-out queued ${fanOutRun.distinctQueued} distinct members with ${fanOutRun.duplicates} repeats`,
  );
}

const result = {
  ingest,
  e2e: { p50Ms: e2eFigures.p50Ms, p95Ms: e2eFigures.p95Ms },
  functions,
  wearable,
  fanOut,
};

if (values.json === true) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  const verdict = (ok: boolean) => (ok ? 'meets' : 'MISSES');
  const syncWorker = FUNCTION_SETTINGS['sync-worker'];
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
      `${figure.name}: bundle, init / floor`,
      `${(figure.bundleBytes / 1024).toFixed(1)} KB, ${figure.initMs} ms / ${figure.floorInitMs} ms = ${figure.initRatio}x`,
      '<= 150 KB, <= 1.15x',
      verdict(figure.bundleBytes <= 150 * 1024 && figure.initRatio <= 1.15),
    ]),
    [
      'Google Health calls per member-day',
      `${wearable.apiCallsPerMemberDay.webhook} webhook-driven, ${wearable.wornCheckCallsPerMemberDay} of them the worn-device check (${wearable.apiCallsPerMemberDay.polling15Min} polling every 15 min)`,
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
      'DynamoDB write units per member-day, heart rate at 1 Hz',
      `${dense.writeUnitsPerMemberDay1Hz} webhook-driven (${dense.putsPerMemberDay1Hz} puts; largest hour ${dense.largestItemBytes} bytes encoded)`,
      '<= 100',
      verdict(dense.writeUnitsPerMemberDay1Hz <= 100),
    ],
    [
      `Peak heap, 30-day backfill at 1 Hz (fresh process, heap cap ${syncWorker.maxOldSpaceMb} MB)`,
      `${dense.backfill.peakHeapMb} MB heap, ${dense.backfill.peakRssMb} MB RSS; ${dense.backfill.heartRateSamples.toLocaleString('en-GB')} samples in ${dense.backfill.hourItems} hour items, ${dense.backfill.seconds} s`,
      `RSS < ${syncWorker.memorySize} MB (sync-worker memory)`,
      verdict(dense.backfill.peakRssMb < syncWorker.memorySize),
    ],
    [
      'Catch-up fan-out, local emulators',
      `${fanOut.members.toLocaleString('en-GB')} members queued in ${fanOut.seconds} s, none skipped or repeated`,
      '<= 60 s',
      verdict(fanOut.seconds <= 60),
    ],
    [
      'Members synced per minute, local stack',
      `${wearable.membersSyncedPerMinute} catch-up syncs; ${wearable.backfillsPerMinute} 30-day backfills`,
      '',
      '',
    ],
  ];
  for (const figure of functions.filter((each) => each.weights !== undefined)) {
    const heaviest = (figure.weights ?? []).slice(0, 8).map(({ source, kb }) => `${source} ${kb}`);
    rows.push([`  ${figure.name} weighs (KB)`, heaviest.join(', '), '', '']);
  }
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  for (const row of rows)
    process.stdout.write(`${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ')}\n`);
}
