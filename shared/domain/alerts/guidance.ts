/** The named guidance each rule cites. Reviewed in docs/clinical-safety.md. */
export const GUIDANCE = {
  niceNg136: {
    name: 'NICE NG136 Hypertension in adults: severe hypertension is 180/120 or more',
    reference: 'https://www.nice.org.uk/guidance/ng136',
  },
  lowBloodPressure: {
    name: 'Low blood pressure below 90/60 (secondary sources, configurable default)',
    reference: 'https://www.nhs.uk/conditions/low-blood-pressure-hypotension/',
  },
  restingHeartRate: {
    name: 'Resting heart rate band (secondary sources, configurable default; NEWS2 pulse bands for reference)',
    reference: 'https://www.rcp.ac.uk/improving-care/resources/national-early-warning-score-news-2/',
  },
  oximetryAtHome: {
    name: 'NHS England COVID oximetry @home: 93-94% recheck, 92% or below urgent',
    reference: 'https://www.england.nhs.uk/nhs-at-home/covid-oximetry-at-home/',
  },
  wearableNoData: {
    name: 'Stale data is a first-class alert (project rule, see docs/clinical-safety.md)',
    reference: 'docs/clinical-safety.md#stale-and-late-data',
  },
  scopeRefused: {
    name: 'Wearable sharing partly refused at consent (project rule, see docs/clinical-safety.md)',
    reference: 'docs/clinical-safety.md#wearable-sharing-partly-refused',
  },
  relink: {
    name: 'Wearable link needs re-linking (project rule, see docs/clinical-safety.md)',
    reference: 'docs/clinical-safety.md#wearable-link-needs-re-linking',
  },
  refusedReading: {
    name: 'A refused reading that may be severe is reported, never dropped (project rule; severe level from NICE NG136)',
    reference: 'https://www.nice.org.uk/guidance/ng136',
  },
  homeAverageStage2: {
    name: 'NICE NG136: a home blood pressure average of 150/95 or more is stage 2 hypertension',
    reference: 'https://www.nice.org.uk/guidance/ng136/chapter/Recommendations',
  },
  thresholdReview: {
    name: 'Per-member threshold overrides are reviewed by their review date (project rule)',
    reference: 'https://www.nice.org.uk/guidance/ng136',
  },
  weeklySummary: {
    name: 'Weekly summary: NICE NG136 home average and the week at a glance (pages no one)',
    reference: 'https://www.nice.org.uk/guidance/ng136/chapter/Recommendations',
  },
} as const satisfies Record<string, { name: string; reference: string }>;
