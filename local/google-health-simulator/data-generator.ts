import type { DataPointInput, SleepStageType } from './data-point-input.js';
import { SeededRandom } from './seeded-random.js';
import type { SimulatedUser } from './simulated-user.js';
import { addDays, instantOfLocalTime } from './time-zone.js';

const MINUTE_MS = 60_000;
const SAMPLE_STEP_MS = 5 * MINUTE_MS;

interface Window {
  startMs: number;
  endMs: number;
}

interface Night extends Window {
  stages: Array<{ type: SleepStageType; startMs: number; endMs: number }>;
}

const iso = (ms: number): string => new Date(ms).toISOString();
const round1 = (value: number): number => Math.round(value * 10) / 10;
const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));
const within = (ms: number, windows: Window[]): Window | undefined =>
  windows.find((window) => ms >= window.startMs && ms < window.endMs);

/** The night that ends on the morning of `date` (Fitbit files sleep under the wake date). */
export const nightEndingOn = (seed: number, user: SimulatedUser, date: string): Night => {
  const random = SeededRandom.fromKey(seed, user.healthUserId, date, 'sleep');
  const bedtime = instantOfLocalTime(user.timezone, addDays(date, -1), 22 * 60 + 15 + random.integer(0, 90));
  const wake = instantOfLocalTime(user.timezone, date, 6 * 60 + 15 + random.integer(0, 90));
  const stages: Night['stages'] = [];
  let cursor = bedtime;
  let cycle = 0;
  const push = (type: SleepStageType, minutes: number) => {
    if (cursor >= wake) return;
    const end = Math.min(wake, cursor + minutes * MINUTE_MS);
    stages.push({ type, startMs: cursor, endMs: end });
    cursor = end;
  };
  push('AWAKE', random.integer(3, 15));
  while (cursor < wake) {
    const earlyNight = cycle < 2;
    push('LIGHT', random.integer(15, 35));
    push('DEEP', earlyNight ? random.integer(20, 40) : random.integer(5, 15));
    push('LIGHT', random.integer(10, 20));
    push('REM', earlyNight ? random.integer(8, 18) : random.integer(18, 35));
    if (random.chance(0.45)) push('AWAKE', random.integer(1, 6));
    cycle += 1;
  }
  return { startMs: bedtime, endMs: wake, stages };
};

const walkingBouts = (random: SeededRandom, user: SimulatedUser, date: string): Window[] => {
  const count = random.integer(3, 6);
  const dayStart = 8 * 60;
  const slot = (13 * 60) / count;
  const budget = Math.max(count, user.profile.activeMinutes * random.between(0.6, 1.4));
  const bouts: Window[] = [];
  for (let index = 0; index < count; index += 1) {
    const minutes = Math.round(clamp(random.normal(budget / count, budget / count / 3), 3, slot - 5));
    const startMinute = dayStart + index * slot + random.integer(0, Math.floor(slot - minutes - 1));
    const startMs = instantOfLocalTime(user.timezone, date, Math.floor(startMinute));
    bouts.push({ startMs, endMs: startMs + minutes * MINUTE_MS });
  }
  return bouts;
};

const mean = (values: number[]): number => values.reduce((total, value) => total + value, 0) / values.length;

const deviation = (values: number[]): number => {
  const average = mean(values);
  return Math.sqrt(mean(values.map((value) => (value - average) ** 2)));
};

/**
 * Everything one person's tracker records on a local date: heart rate (every 5 minutes unless the profile
 * sets a denser rate, up to 1 Hz), minute steps during
 * walks, the night's sleep (filed under the wake date) with SpO2 and HRV samples, daily summaries and
 * the occasional weigh-in. Pure in (seed, user, date).
 */
export const generateDay = (seed: number, user: SimulatedUser, date: string): DataPointInput[] => {
  const { profile, timezone } = user;
  const random = SeededRandom.fromKey(seed, user.healthUserId, date, 'day');
  const points: DataPointInput[] = [];
  const night = nightEndingOn(seed, user, date);
  const nextNight = nightEndingOn(seed, user, addDays(date, 1));
  const bouts = walkingBouts(random, user, date);
  const dayStart = instantOfLocalTime(timezone, date, 0);
  const dayEnd = instantOfLocalTime(timezone, addDays(date, 1), 0);
  const restingToday = profile.restingHeartRate + random.normal(0, 1.5);

  const heartRateStepMs = Math.max(1, profile.heartRateIntervalSeconds) * 1000;
  for (let at = dayStart; at < dayEnd; at += heartRateStepMs) {
    const asleep = within(at, [night, nextNight]) !== undefined;
    const walking = within(at, bouts) !== undefined;
    const hourOfDay = ((at - dayStart) / 3_600_000) % 24;
    const circadian = 4 * Math.sin(((hourOfDay - 9) / 24) * 2 * Math.PI);
    const bpm = asleep
      ? restingToday - 4 + random.normal(0, 2)
      : walking
        ? restingToday + 38 + random.normal(0, 8)
        : restingToday + 12 + circadian + random.normal(0, 5);
    points.push({
      dataType: 'heart-rate',
      time: iso(at),
      beatsPerMinute: clamp(Math.round(bpm), 38, 190),
      motionContext: walking ? 'ACTIVE' : 'SEDENTARY',
    });
  }

  for (const bout of bouts) {
    for (let minute = bout.startMs; minute < bout.endMs; minute += MINUTE_MS) {
      const edge = minute === bout.startMs || minute + MINUTE_MS >= bout.endMs;
      const count = Math.round(edge ? random.between(15, 60) : random.between(70, 118));
      points.push({ dataType: 'steps', start: iso(minute), end: iso(minute + MINUTE_MS), count });
    }
  }

  points.push({
    dataType: 'sleep',
    start: iso(night.startMs),
    end: iso(night.endMs),
    stages: night.stages.map((stage) => ({
      type: stage.type,
      start: iso(stage.startMs),
      end: iso(stage.endMs),
    })),
    // Google computes stages for a while after the tracker syncs the night.
    processingMinutes: 20,
  });

  const spo2: number[] = [];
  const hrv: number[] = [];
  for (let at = night.startMs; at < night.endMs; at += SAMPLE_STEP_MS) {
    const percentage = round1(clamp(random.normal(profile.oxygenSaturation, 0.8), 88, 100));
    const rmssd = round1(clamp(random.normal(profile.heartRateVariabilityMs, 6), 8, 150));
    spo2.push(percentage);
    hrv.push(rmssd);
    points.push({ dataType: 'oxygen-saturation', time: iso(at), percentage });
    // RMSSD is OPTIONAL upstream; a few real samples come without it.
    const withRmssd = !random.chance(0.05);
    points.push({
      dataType: 'heart-rate-variability',
      time: iso(at),
      ...(withRmssd ? { rmssdMilliseconds: rmssd } : {}),
      standardDeviationMilliseconds: round1(rmssd * random.between(1.1, 1.5)),
    });
  }

  const summariesAt = iso(night.endMs + 10 * MINUTE_MS);
  points.push({
    dataType: 'daily-resting-heart-rate',
    date,
    beatsPerMinute: Math.round(restingToday),
    availableAt: summariesAt,
  });
  if (spo2.length > 0) {
    points.push({
      dataType: 'daily-oxygen-saturation',
      date,
      averagePercentage: round1(mean(spo2)),
      lowerBoundPercentage: Math.min(...spo2),
      upperBoundPercentage: Math.max(...spo2),
      standardDeviationPercentage: round1(deviation(spo2)),
      availableAt: summariesAt,
    });
    points.push({
      dataType: 'daily-heart-rate-variability',
      date,
      averageMilliseconds: round1(mean(hrv)),
      availableAt: summariesAt,
    });
  }

  if (random.chance(profile.weighInProbability)) {
    const kilograms = random.normal(profile.weightKg, 0.4);
    points.push({
      dataType: 'weight',
      time: iso(night.endMs + random.integer(15, 45) * MINUTE_MS),
      weightGrams: Math.round(kilograms * 10_000) / 10,
    });
  }
  return points;
};
