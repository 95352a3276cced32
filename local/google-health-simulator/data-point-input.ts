/** Points a test or the generator puts into a user's data, in plain units. Times are RFC 3339 strings. */
export type RecordingMethod = 'MANUAL' | 'PASSIVELY_MEASURED' | 'DERIVED' | 'ACTIVELY_MEASURED' | 'UNKNOWN';

export type SleepStageType = 'AWAKE' | 'LIGHT' | 'DEEP' | 'REM' | 'ASLEEP' | 'RESTLESS';

interface CommonInput {
  /** Stable id for the point; derived from its type and time when omitted. */
  id?: string;
  /** MANUAL points come from the phone app and are left out of the google-wearables family. */
  recordingMethod?: RecordingMethod;
  /** When the point becomes visible to the API (late sync); default: its end, or local midnight for daily types. */
  availableAt?: string;
}

export type DataPointInput = CommonInput &
  (
    | { dataType: 'heart-rate'; time: string; beatsPerMinute: number; motionContext?: 'SEDENTARY' | 'ACTIVE' }
    | { dataType: 'oxygen-saturation'; time: string; percentage: number }
    | { dataType: 'weight'; time: string; weightGrams: number; notes?: string }
    | {
        dataType: 'heart-rate-variability';
        time: string;
        /** OPTIONAL in the proto: omitted, the point has no RMSSD, as real ones sometimes do. */
        rmssdMilliseconds?: number;
        standardDeviationMilliseconds?: number;
      }
    | { dataType: 'steps'; start: string; end?: string; count: number }
    | { dataType: 'daily-resting-heart-rate'; date: string; beatsPerMinute: number }
    | {
        dataType: 'daily-oxygen-saturation';
        date: string;
        averagePercentage: number;
        lowerBoundPercentage?: number;
        upperBoundPercentage?: number;
        standardDeviationPercentage?: number;
      }
    | { dataType: 'daily-heart-rate-variability'; date: string; averageMilliseconds: number }
    | {
        dataType: 'sleep';
        start: string;
        end: string;
        stages?: Array<{ type: SleepStageType; start: string; end: string }>;
        nap?: boolean;
        /**
         * Minutes after the session becomes visible during which Google is still computing it: served
         * without `processed`, stages or summary. Default 0 (injected points are processed at once).
         */
        processingMinutes?: number;
      }
  );
