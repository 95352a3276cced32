import type { App } from 'aws-cdk-lib';
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, ServerlessChecks } from 'cdk-nag';
import type { PulseRelayConfig } from './config.js';
import { ServiceStack } from './service-stack.js';
import { StatefulStack } from './stateful-stack.js';

export interface PulseRelayStacks {
  readonly stateful: StatefulStack;
  readonly service: ServiceStack;
}

export const stackNames = (stage: string) => ({
  stateful: `PulseRelay-${stage}-Stateful`,
  service: `PulseRelay-${stage}-Service`,
});

/** Defines both stacks in the app; the account and region come from the CLI's credentials. */
export const definePulseRelay = (app: App, config: PulseRelayConfig): PulseRelayStacks => {
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  const names = stackNames(config.stage);
  const stateful = new StatefulStack(app, names.stateful, {
    config,
    env,
    description: 'pulse-relay: keys, tables, queues, secrets and alarm topic (retained on delete)',
    terminationProtection: true,
  });
  const service = new ServiceStack(app, names.service, {
    config,
    env,
    description: 'pulse-relay: functions, HTTP API, stream, queue and schedule triggers',
    stateful: stateful.resources,
  });
  return { stateful, service };
};

/** The rule packs every synthesis runs; an unacknowledged error fails `cdk synth`. */
export const addNagPacks = (app: App): void => {
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app),
    new HIPAASecurityChecks(app),
    new ServerlessChecks(app),
  );
};
