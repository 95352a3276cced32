/** The named guidance each rule cites: public pages only. Reviewed in docs/clinical-safety.md. */
export const GUIDANCE = {
  niceNg136: {
    name: 'NICE NG136 Hypertension in adults (severe: 180 systolic or 120 diastolic); NHS high blood pressure',
    reference: 'https://www.nice.org.uk/guidance/ng136',
  },
  lowBloodPressure: {
    name: 'NHS low blood pressure: below 90/60 (secondary source, configurable default)',
    reference: 'https://www.nhs.uk/conditions/low-blood-pressure-hypotension/',
  },
  restingHeartRate: {
    name: 'NEWS2 pulse bands (RCP 2017), used to grade a single measure, never as a NEWS2 score',
    reference: 'https://www.rcp.ac.uk/improving-care/resources/national-early-warning-score-news-2/',
  },
  oximetryAtHome: {
    name: 'NHS England COVID oximetry @home: 93-94% recheck, 92% or below urgent',
    reference: 'https://www.england.nhs.uk/nhs-at-home/covid-oximetry-at-home/',
  },
  homeMonitoring: {
    name: 'NHS: how to check your blood pressure at home (home monitoring needs regular readings)',
    reference: 'https://www.nhs.uk/conditions/high-blood-pressure/',
  },
  wearableNoData: {
    name: 'Fitbit help: syncing and wearing the device (stale data is a first-class alert)',
    reference: 'https://support.google.com/fitbit/',
  },
  relink: {
    name: 'Google Account: third-party apps with account access (re-linking the wearable)',
    reference: 'https://support.google.com/accounts/answer/3466521',
  },
} as const satisfies Record<string, { name: string; reference: string }>;
