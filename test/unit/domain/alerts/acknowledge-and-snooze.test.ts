import { describe, expect, it } from 'vitest';
import {
  AlertAlreadyResolvedError,
  acknowledgeAlert,
  MissingAcknowledgerError,
  UnknownAlertError,
} from '../../../../shared/domain/alerts/acknowledge-alert.js';
import { evaluateStoredReading } from '../../../../shared/domain/alerts/evaluate-stored-reading.js';
import { InvalidSnoozeUntilError, snoozeAlert } from '../../../../shared/domain/alerts/snooze-alert.js';
import { bp } from './reading-builders.js';
import { storedReadingPorts } from './stored-reading-ports.js';

const KEY = 'm-1#bp-severe#2026-11-20T07:31:00.000Z';

const withOpenAlert = async () => {
  const ports = storedReadingPorts({ now: '2026-11-20T09:00:00.000Z' });
  await evaluateStoredReading(ports, bp(190, 100));
  return ports;
};

describe('acknowledgeAlert', () => {
  it('records who and when, with an optional note, by alert key alone', async () => {
    const ports = await withOpenAlert();
    ports.clock.set('2026-11-20T09:30:00.000Z');
    const alert = await acknowledgeAlert(ports, {
      alertKey: KEY,
      by: ' Alex Carer ',
      note: 'Phoned, feels fine',
    });
    expect(alert.acknowledgement).toEqual({
      by: 'Alex Carer',
      at: '2026-11-20T09:30:00.000Z',
      note: 'Phoned, feels fine',
    });
    expect((await ports.alerts.get('m-1', KEY))?.acknowledgement?.by).toBe('Alex Carer');
    const plain = await acknowledgeAlert(ports, { alertKey: KEY, by: 'Sam Lead' });
    expect(plain.acknowledgement).toEqual({ by: 'Sam Lead', at: '2026-11-20T09:30:00.000Z' });
  });

  it('refuses an unknown key, a resolved alert and a missing name, each with its own error', async () => {
    const ports = await withOpenAlert();
    await expect(acknowledgeAlert(ports, { alertKey: 'm-1#bp-severe#nope', by: 'A' })).rejects.toBeInstanceOf(
      UnknownAlertError,
    );
    await expect(acknowledgeAlert(ports, { alertKey: 'no-hash', by: 'A' })).rejects.toBeInstanceOf(
      UnknownAlertError,
    );
    await expect(acknowledgeAlert(ports, { alertKey: KEY, by: '  ' })).rejects.toBeInstanceOf(
      MissingAcknowledgerError,
    );
    for (const hour of [10, 11, 12])
      await evaluateStoredReading(ports, bp(140, 85, `2026-11-20T${hour}:00:00.000Z`));
    await expect(acknowledgeAlert(ports, { alertKey: KEY, by: 'A' })).rejects.toBeInstanceOf(
      AlertAlreadyResolvedError,
    );
  });
});

describe('snoozeAlert', () => {
  it('records until, who, when and why', async () => {
    const ports = await withOpenAlert();
    const alert = await snoozeAlert(ports, {
      alertKey: KEY,
      until: '2026-11-20T18:00:00+01:00',
      by: 'Alex Carer',
      reason: 'Member at GP this afternoon',
    });
    expect(alert.snooze).toEqual({
      until: '2026-11-20T17:00:00.000Z',
      by: 'Alex Carer',
      at: '2026-11-20T09:00:00.000Z',
      reason: 'Member at GP this afternoon',
    });
  });

  it.each([
    ['tomorrow', 'RFC 3339'],
    ['2026-11-21T09:00:00', 'RFC 3339'],
    ['2026-11-20T08:00:00Z', 'already passed'],
    ['2026-12-01T09:00:00Z', 'at most 7 days'],
  ])('refuses until=%s (%s)', async (until, words) => {
    const ports = await withOpenAlert();
    const attempt = snoozeAlert(ports, { alertKey: KEY, until, by: 'A', reason: 'r' });
    await expect(attempt).rejects.toBeInstanceOf(InvalidSnoozeUntilError);
    await expect(attempt).rejects.toThrow(words);
  });

  it('refuses an unknown alert', async () => {
    const ports = await withOpenAlert();
    await expect(
      snoozeAlert(ports, { alertKey: 'm-1#x#y', until: '2026-11-20T12:00:00Z', by: 'A', reason: 'r' }),
    ).rejects.toBeInstanceOf(UnknownAlertError);
  });
});
