/**
 * The named guidance each rule cites: public pages only. Reviewed in docs/clinical-safety.md.
 * One const per guidance, so a function bundles only the guidance its rules cite.
 */
type Guidance = { readonly name: string; readonly reference: string };

export const niceNg136Guidance = {
  name: 'NICE NG136 Hypertension in adults (severe: 180 systolic or 120 diastolic); NHS high blood pressure',
  reference: 'https://www.nice.org.uk/guidance/ng136',
} as const satisfies Guidance;

export const lowBloodPressureGuidance = {
  name: 'NHS low blood pressure: below 90/60 (secondary source, configurable default)',
  reference: 'https://www.nhs.uk/conditions/low-blood-pressure-hypotension/',
} as const satisfies Guidance;

export const restingHeartRateGuidance = {
  name: 'NEWS2 pulse bands (RCP 2017), used to grade a single measure, never as a NEWS2 score',
  reference: 'https://www.rcp.ac.uk/improving-care/resources/national-early-warning-score-news-2/',
} as const satisfies Guidance;

export const oximetryAtHomeGuidance = {
  name: 'NHS England COVID oximetry @home: 93-94% recheck, 92% or below urgent',
  reference: 'https://www.england.nhs.uk/nhs-at-home/covid-oximetry-at-home/',
} as const satisfies Guidance;

export const homeMonitoringGuidance = {
  name: 'NHS: how to check your blood pressure at home (home monitoring needs regular readings)',
  reference: 'https://www.nhs.uk/conditions/high-blood-pressure/',
} as const satisfies Guidance;

export const wearableNoDataGuidance = {
  name: 'Fitbit help: syncing and wearing the device (stale data is a first-class alert)',
  reference: 'https://support.google.com/fitbit/',
} as const satisfies Guidance;

export const scopeRefusedGuidance = {
  name: 'Google Account: what a linked app may access (the member re-consents to the data types refused)',
  reference: 'https://support.google.com/accounts/answer/3466521',
} as const satisfies Guidance;

export const relinkGuidance = {
  name: 'Google Account: third-party apps with account access (re-linking the wearable)',
  reference: 'https://support.google.com/accounts/answer/3466521',
} as const satisfies Guidance;

export const refusedReadingGuidance = {
  name: 'A refused reading that may be severe is reported, never dropped (project rule; severe level from NICE NG136)',
  reference: 'https://www.nice.org.uk/guidance/ng136',
} as const satisfies Guidance;

export const homeAverageStage2Guidance = {
  name: 'NICE NG136: a home blood pressure average of 150/95 or more is stage 2 hypertension',
  reference: 'https://www.nice.org.uk/guidance/ng136/chapter/Recommendations',
} as const satisfies Guidance;

export const thresholdReviewGuidance = {
  name: 'Per-member threshold overrides are reviewed by their review date (project rule)',
  reference: 'https://www.nice.org.uk/guidance/ng136',
} as const satisfies Guidance;

export const weeklySummaryGuidance = {
  name: 'Weekly summary: NICE NG136 home average and the week at a glance (pages no one)',
  reference: 'https://www.nice.org.uk/guidance/ng136/chapter/Recommendations',
} as const satisfies Guidance;

export const GUIDANCE = {
  niceNg136: niceNg136Guidance,
  lowBloodPressure: lowBloodPressureGuidance,
  restingHeartRate: restingHeartRateGuidance,
  oximetryAtHome: oximetryAtHomeGuidance,
  homeMonitoring: homeMonitoringGuidance,
  wearableNoData: wearableNoDataGuidance,
  scopeRefused: scopeRefusedGuidance,
  relink: relinkGuidance,
  refusedReading: refusedReadingGuidance,
  homeAverageStage2: homeAverageStage2Guidance,
  thresholdReview: thresholdReviewGuidance,
  weeklySummary: weeklySummaryGuidance,
} as const satisfies Record<string, Guidance>;
