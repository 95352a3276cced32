import { Duration } from 'aws-cdk-lib';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import {
  METRIC,
  type MetricName,
  metricsNamespaceFor,
  serviceNameFor,
  UPLOAD_FORMAT_DIMENSIONS,
} from '../../shared/runtime/metric-catalogue.js';

export interface OperationalAlarmsProps {
  readonly stage: string;
  readonly api: apigwv2.IHttpApi;
  readonly apiStageName: string;
  readonly accessLogs: logs.ILogGroup;
  readonly alarmAction: cloudwatch.IAlarmAction;
}

/** Share of readings refused above which someone should look: a monitor or gateway sends a broken format. */
export const REFUSED_READINGS_PERCENT = 20;
/** Fewer readings than this in the window say nothing about a rate. */
export const REFUSED_READINGS_MIN_VOLUME = 10;
export const SYNC_FAILURES_THRESHOLD = 5;
export const API_SERVER_ERRORS_THRESHOLD = 5;
export const API_THROTTLED_THRESHOLD = 10;

/**
 * The alarms that watch the service as a whole (each function's own error and throttle alarms are in
 * ServiceFunction; failure-queue depth in FailureQueue; evaluation age on the stream consumer). Each is
 * explained, with what to do, in docs/deploy.md "Runbook".
 */
export class OperationalAlarms extends Construct {
  readonly apiServerErrors: cloudwatch.Alarm;
  readonly apiThrottled: cloudwatch.Alarm;
  readonly refusedReadings: cloudwatch.Alarm;
  readonly anyReadingRefused: cloudwatch.Alarm;
  readonly syncFailures: cloudwatch.Alarm;
  readonly urgentAlertUndelivered: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: OperationalAlarmsProps) {
    super(scope, id);
    const namespace = metricsNamespaceFor(props.stage);
    const fiveMinutes = Duration.minutes(5);
    const fifteenMinutes = Duration.minutes(15);
    const raise = (alarm: cloudwatch.Alarm) => {
      alarm.addAlarmAction(props.alarmAction);
      return alarm;
    };
    const common = {
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    };

    this.apiServerErrors = raise(
      new cloudwatch.Metric({
        namespace: 'AWS/ApiGateway',
        metricName: '5xx',
        dimensionsMap: { ApiId: props.api.apiId, Stage: props.apiStageName },
        statistic: 'Sum',
        period: fiveMinutes,
      }).createAlarm(this, 'ApiServerErrors', {
        ...common,
        alarmDescription: `The HTTP API answered ${API_SERVER_ERRORS_THRESHOLD} or more 5xx in 5 minutes.`,
        threshold: API_SERVER_ERRORS_THRESHOLD,
      }),
    );

    // HTTP APIs publish no throttle metric: count the 429s in the access log instead.
    const throttled = new logs.MetricFilter(this, 'ApiThrottledFilter', {
      logGroup: props.accessLogs,
      filterPattern: logs.FilterPattern.stringValue('$.status', '=', '429'),
      metricNamespace: namespace,
      metricName: 'ApiThrottled',
      metricValue: '1',
      defaultValue: 0,
    });
    this.apiThrottled = raise(
      throttled.metric({ statistic: 'Sum', period: fiveMinutes }).createAlarm(this, 'ApiThrottled', {
        ...common,
        alarmDescription: `The HTTP API answered ${API_THROTTLED_THRESHOLD} or more requests with 429 in 5 minutes.`,
        threshold: API_THROTTLED_THRESHOLD,
      }),
    );

    const ingestMetric = (metricName: MetricName, format: string) =>
      new cloudwatch.Metric({
        namespace,
        metricName,
        dimensionsMap: { service: serviceNameFor('ingest-blood-pressure'), format },
        statistic: 'Sum',
        period: fifteenMinutes,
      });
    const usingMetrics: Record<string, cloudwatch.IMetric> = {};
    const refused: string[] = [];
    const all: string[] = [];
    UPLOAD_FORMAT_DIMENSIONS.forEach((format, index) => {
      for (const [key, metricName] of [
        ['stored', METRIC.readingsStored],
        ['duplicate', METRIC.readingsDuplicate],
        ['refused', METRIC.readingsRefused],
        ['uploads', METRIC.uploadsRefused],
      ] as const) {
        if (format === 'unknown' && key !== 'uploads') continue;
        const id = `${key}${index}`;
        usingMetrics[id] = ingestMetric(metricName, format);
        all.push(`FILL(${id}, 0)`);
        if (key === 'refused' || key === 'uploads') refused.push(`FILL(${id}, 0)`);
      }
    });
    this.refusedReadings = raise(
      new cloudwatch.MathExpression({
        expression: `IF((${all.join(' + ')}) >= ${REFUSED_READINGS_MIN_VOLUME}, 100 * (${refused.join(' + ')}) / (${all.join(' + ')}), 0)`,
        usingMetrics,
        label: 'Readings and uploads refused, % of all',
        period: fifteenMinutes,
      }).createAlarm(this, 'RefusedReadings', {
        ...common,
        alarmDescription:
          `${REFUSED_READINGS_PERCENT}% or more of uploaded readings were refused in 15 minutes ` +
          `(at least ${REFUSED_READINGS_MIN_VOLUME} readings).`,
        threshold: REFUSED_READINGS_PERCENT,
      }),
    );

    // Every refused reading is one that was not stored: someone should look at the device or client even
    // when the share is small (a severe refused value has also raised a reading-refused staff task).
    const refusedByFormat: Record<string, cloudwatch.IMetric> = {};
    UPLOAD_FORMAT_DIMENSIONS.filter((format) => format !== 'unknown').forEach((format, index) => {
      refusedByFormat[`refused${index}`] = ingestMetric(METRIC.readingsRefused, format);
    });
    this.anyReadingRefused = raise(
      new cloudwatch.MathExpression({
        expression: Object.keys(refusedByFormat)
          .map((id) => `FILL(${id}, 0)`)
          .join(' + '),
        usingMetrics: refusedByFormat,
        label: 'Readings refused',
        period: fifteenMinutes,
      }).createAlarm(this, 'ReadingsRefused', {
        ...common,
        alarmDescription:
          'Blood-pressure readings were refused (not stored). Check the ingest logs for the reasons; a ' +
          'refused reading with a severe value has also raised a reading-refused staff task.',
        threshold: 1,
      }),
    );

    this.syncFailures = raise(
      new cloudwatch.Metric({
        namespace,
        metricName: METRIC.syncs,
        dimensionsMap: { service: serviceNameFor('sync-worker'), outcome: 'failed' },
        statistic: 'Sum',
        period: fifteenMinutes,
      }).createAlarm(this, 'SyncFailures', {
        ...common,
        alarmDescription: `${SYNC_FAILURES_THRESHOLD} or more wearable sync jobs failed (and will be retried) in 15 minutes.`,
        threshold: SYNC_FAILURES_THRESHOLD,
      }),
    );

    // One is enough: a person who needs contacting today may not be. One-minute period, so it fires at once.
    this.urgentAlertUndelivered = raise(
      new cloudwatch.Metric({
        namespace,
        metricName: METRIC.urgentAlertsUndelivered,
        dimensionsMap: { service: serviceNameFor('deliver-alerts') },
        statistic: 'Sum',
        period: Duration.minutes(1),
      }).createAlarm(this, 'UrgentAlertUndelivered', {
        ...common,
        alarmDescription:
          'An urgent care-team alert reached no channel of its team (every channel failed or refused it, or ' +
          'the member has no team or the team no channels). Phone the care team now, then fix delivery ' +
          '(docs/deploy.md, Runbook).',
        threshold: 1,
      }),
    );
  }
}
