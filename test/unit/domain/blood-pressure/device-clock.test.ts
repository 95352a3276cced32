import { describe, expect, it } from 'vitest';
import { placeInTime } from '../../../../shared/domain/blood-pressure/device-clock.js';

const NOW = Date.parse('2026-11-23T09:00:00Z');
const at = (iso: string) => Date.parse(iso);

describe('placeInTime (a wrong device clock never refuses a reading)', () => {
  it('keeps a device time up to 5 minutes ahead of ours, unflagged (clocks drift)', () => {
    expect(placeInTime({ deviceMs: at('2026-11-23T09:05:00Z'), deviceTimeText: 'x', nowMs: NOW })).toEqual({
      measuredAtMs: at('2026-11-23T09:05:00Z'),
    });
  });

  it('stores a time more than 5 minutes ahead at the time of receipt', () => {
    expect(
      placeInTime({
        deviceMs: at('2026-11-23T09:05:01Z'),
        deviceTimeText: '2026-11-23T09:05:01Z',
        nowMs: NOW,
      }),
    ).toEqual({ measuredAtMs: NOW, clock: { deviceTime: '2026-11-23T09:05:01Z', timeSource: 'received' } });
  });

  it('stores a reading from a monitor left on BST all winter (1 hour fast) at the time of receipt', () => {
    // Taken at 08:59:30 GMT, the monitor says 09:59:30; uploaded at once.
    const placed = placeInTime({
      deviceMs: at('2026-11-23T09:59:30Z'),
      deviceTimeText: '09:59:30',
      nowMs: NOW,
    });
    expect(placed.measuredAtMs).toBe(NOW);
    expect(placed.clock?.timeSource).toBe('received');
  });

  it('corrects a 1-hour-fast monitor by the gateway clock check, even for an older reading from its memory', () => {
    const placed = placeInTime({
      deviceMs: at('2026-11-23T07:40:00Z'), // the monitor's 07:40 is really 06:40
      deviceTimeText: '2026-11-23T07:40:00',
      clockCheck: { deviceMs: at('2026-11-23T09:58:00Z'), gatewayMs: at('2026-11-23T08:58:00Z') },
      nowMs: NOW,
    });
    expect(placed).toEqual({
      measuredAtMs: at('2026-11-23T06:40:00Z'),
      clock: { deviceTime: '2026-11-23T07:40:00', timeSource: 'gateway-offset', offsetMinutes: 60 },
    });
  });

  it('corrects a clock reset to 2000 after a battery change by the clock check', () => {
    const placed = placeInTime({
      deviceMs: at('2000-01-01T00:05:00Z'),
      deviceTimeText: '2000-01-01T00:05:00',
      clockCheck: { deviceMs: at('2000-01-01T00:10:00Z'), gatewayMs: at('2026-11-23T08:55:00Z') },
      nowMs: NOW,
    });
    expect(new Date(placed.measuredAtMs).toISOString()).toBe('2026-11-23T08:50:00.000Z');
    expect(placed.clock?.timeSource).toBe('gateway-offset');
  });

  it.each([['2000-01-01T00:05:00Z'], ['2015-06-01T12:00:00Z'], ['2020-12-31T23:59:59Z']])(
    'stores a reading dated %s (a reset clock, no clock check) at the time of receipt',
    (iso) => {
      expect(placeInTime({ deviceMs: at(iso), deviceTimeText: iso, nowMs: NOW }).clock?.timeSource).toBe(
        'received',
      );
    },
  );

  it('keeps a reading dated 1 January 2021, the first plausible date', () => {
    expect(
      placeInTime({ deviceMs: at('2021-01-01T00:00:00Z'), deviceTimeText: 'x', nowMs: NOW }).clock,
    ).toBeUndefined();
  });

  it('ignores a clock check within 5 minutes (no correction, no flag)', () => {
    expect(
      placeInTime({
        deviceMs: at('2026-11-23T08:00:00Z'),
        deviceTimeText: 'x',
        clockCheck: { deviceMs: at('2026-11-23T08:59:00Z'), gatewayMs: at('2026-11-23T08:55:00Z') },
        nowMs: NOW,
      }),
    ).toEqual({ measuredAtMs: at('2026-11-23T08:00:00Z') });
  });

  it('falls back to the time of receipt when even the corrected time is impossible', () => {
    const placed = placeInTime({
      deviceMs: at('2026-11-23T12:00:00Z'),
      deviceTimeText: 'x',
      // The clock check says the monitor is an hour slow: corrected, the reading would be 13:00, in the future.
      clockCheck: { deviceMs: at('2026-11-23T07:58:00Z'), gatewayMs: at('2026-11-23T08:58:00Z') },
      nowMs: NOW,
    });
    expect(placed).toEqual({ measuredAtMs: NOW, clock: { deviceTime: 'x', timeSource: 'received' } });
  });
});
