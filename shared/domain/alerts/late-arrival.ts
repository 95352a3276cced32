const HOUR_MS = 3_600_000;

/** Daily summaries start at local midnight, so they are only late once the day after has passed. */
export const DAILY_SUMMARY_GRACE_HOURS = 48;

/** A sentence warning staff that the data arrived long after it was taken, or '' when it is fresh. */
export const lateArrivalSentence = (measuredAtIso: string, now: Date, graceHours = 24): string => {
  const ageHours = (now.getTime() - Date.parse(measuredAtIso)) / HOUR_MS;
  if (ageHours < graceHours) {
    return '';
  }
  const days = Math.floor(ageHours / 24);
  return ` This reading reached us ${days} day${days === 1 ? '' : 's'} later than it was taken: check how the member is now.`;
};
