import { describe, expect, it } from 'vitest';
import { civilTimeToInstant } from '../../../../shared/domain/blood-pressure/device-local-time.js';

const civil = (text: string) => {
  const [date = '', time = ''] = text.split('T');
  const [year = 0, month = 0, day = 0] = date.split('-').map(Number);
  const [hours = 0, minutes = 0, seconds = 0] = time.split(':').map(Number);
  return { year, month, day, hours, minutes, seconds };
};

describe('civilTimeToInstant', () => {
  it.each([
    // [zone, device clock, UTC, offset]
    ['Europe/London', '2026-11-20T07:31:05', '2026-11-20T07:31:05.000Z', 0], // GMT
    ['Europe/London', '2026-07-15T08:00:00', '2026-07-15T07:00:00.000Z', 60], // BST
    // 29 March 2026: 01:00 GMT jumps to 02:00 BST. 01:30 never happens: shifted forward to 02:30 BST.
    ['Europe/London', '2026-03-29T01:30:00', '2026-03-29T01:30:00.000Z', 60],
    ['Europe/London', '2026-03-29T00:59:59', '2026-03-29T00:59:59.000Z', 0],
    ['Europe/London', '2026-03-29T02:00:00', '2026-03-29T01:00:00.000Z', 60],
    // 25 October 2026: 02:00 BST falls back to 01:00 GMT. 01:30 happens twice: the earlier (BST) one is chosen.
    ['Europe/London', '2026-10-25T01:30:00', '2026-10-25T00:30:00.000Z', 60],
    ['Europe/London', '2026-10-25T02:30:00', '2026-10-25T02:30:00.000Z', 0],
    ['America/New_York', '2026-07-01T12:00:00', '2026-07-01T16:00:00.000Z', -240],
    ['Asia/Kolkata', '2026-01-01T05:30:00', '2026-01-01T00:00:00.000Z', 330],
  ])('reads %s %s as %s', (zone, clock, measuredAt, utcOffsetMinutes) => {
    expect(civilTimeToInstant(civil(clock), zone)).toEqual({ measuredAt, utcOffsetMinutes });
  });
});
