/** Encodes a Blood Pressure Measurement (0x2A35) value the way a real cuff does, for the demo's simulated monitor. */
export interface SimulatedCuffMeasurement {
  systolic: number;
  diastolic: number;
  pulse: number;
  /** Device clock, no zone, as the cuff keeps it. */
  localTime: { year: number; month: number; day: number; hours: number; minutes: number; seconds: number };
  irregularPulse?: boolean;
}

const sfloat = (value: number): number => Math.round(value) & 0x0fff; // exponent 0, whole mmHg

export const encodeBloodPressureMeasurement = (measurement: SimulatedCuffMeasurement): Uint8Array => {
  const bytes = new Uint8Array(19);
  const view = new DataView(bytes.buffer);
  // flags: mmHg (bit0 = 0), time stamp, pulse, user id, status
  view.setUint8(0, 0b0001_1110);
  view.setUint16(1, sfloat(measurement.systolic), true);
  view.setUint16(3, sfloat(measurement.diastolic), true);
  view.setUint16(5, 0x07ff, true); // MAP not reported (NaN), as many cuffs do
  const { year, month, day, hours, minutes, seconds } = measurement.localTime;
  view.setUint16(7, year, true);
  view.setUint8(9, month);
  view.setUint8(10, day);
  view.setUint8(11, hours);
  view.setUint8(12, minutes);
  view.setUint8(13, seconds);
  view.setUint16(14, sfloat(measurement.pulse), true);
  view.setUint8(16, 1); // user 1
  view.setUint16(17, measurement.irregularPulse === true ? 0b100 : 0, true);
  return bytes;
};
