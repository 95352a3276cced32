import { encodeBloodPressureMeasurement } from './demo-bluetooth-encoder.js';

/** A seeded pseudo-random sequence so every demo run shows the same week. */
const seededRandom = (seed: number) => () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};

const londonOffset = (instant: Date): string => {
  const name = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', timeZoneName: 'shortOffset' })
    .formatToParts(instant)
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = /GMT([+-]\d+)?/.exec(name ?? 'GMT');
  const hours = Number(match?.[1] ?? 0);
  return `${hours < 0 ? '-' : '+'}${String(Math.abs(hours)).padStart(2, '0')}:00`;
};

const localParts = (instant: Date) => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hours: Number(parts.hour),
    minutes: Number(parts.minute),
    seconds: Number(parts.second),
  };
};

const rfc3339Local = (instant: Date): string => {
  const p = localParts(instant);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hours)}:${pad(p.minutes)}:${pad(p.seconds)}${londonOffset(instant)}`;
};

export type DemoUpload = { label: string; body: { readings: Array<Record<string, unknown>> } };

/**
 * A week of NICE-style home monitoring (two seated readings a minute apart, morning and evening),
 * one upload per session as a phone gateway would send. The cuff reports a dangerous reading on day 5,
 * forwarded as the raw Bluetooth value with the irregular-pulse bit set.
 */
export const demoBloodPressureWeek = (now: Date): DemoUpload[] => {
  const random = seededRandom(20261123);
  const uploads: DemoUpload[] = [];
  for (let daysAgo = 7; daysAgo >= 1; daysAgo -= 1) {
    for (const hour of [7, 19]) {
      const first = new Date(now.getTime() - daysAgo * 86_400_000);
      first.setUTCHours(hour, 10 + Math.floor(random() * 30), 0, 0);
      const second = new Date(first.getTime() + 90_000);
      const dangerous = daysAgo === 3 && hour === 7;
      const readings = [first, second].map((instant, index) => {
        if (dangerous && index === 0) {
          const value = encodeBloodPressureMeasurement({
            systolic: 186,
            diastolic: 112,
            pulse: 88,
            localTime: localParts(instant),
            irregularPulse: true,
          });
          return { bluetooth: Buffer.from(value).toString('base64') };
        }
        return {
          systolic: Math.round(138 + random() * 14),
          diastolic: Math.round(84 + random() * 8),
          pulse: Math.round(66 + random() * 12),
          unit: 'mmHg',
          measuredAt: rfc3339Local(instant),
        };
      });
      uploads.push({
        label: `${rfc3339Local(first).slice(0, 16)} ${hour < 12 ? 'morning' : 'evening'}`,
        body: { readings },
      });
    }
  }
  return uploads;
};
