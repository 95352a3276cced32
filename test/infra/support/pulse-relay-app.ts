import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { loadConfig } from '../../../infra/config.js';
import { addNagPacks, definePulseRelay, type PulseRelayStacks } from '../../../infra/pulse-relay.js';

export interface SynthesizedPulseRelay extends PulseRelayStacks {
  readonly app: App;
}

/**
 * The real app definition with bundling skipped (tests assert the templates, not the bundles).
 * Config comes only from the given context, never from the developer's environment.
 */
export const definePulseRelayForTest = (
  context: Record<string, unknown> = {},
  options: { nag?: boolean } = {},
): SynthesizedPulseRelay => {
  const app = new App({
    context: {
      'aws:cdk:bundling-stacks': [],
      '@aws-cdk/core:defaultCrossStackReferences': 'strong',
      stage: 'test',
      googleClientId: 'test-client.apps.googleusercontent.com',
      ...context,
    },
  });
  const stacks = definePulseRelay(app, loadConfig(app.node, {}));
  if (options.nag === true) addNagPacks(app);
  return { app, ...stacks };
};

export const templatesOf = (context: Record<string, unknown> = {}) => {
  const { stateful, service } = definePulseRelayForTest(context);
  return { stateful: Template.fromStack(stateful), service: Template.fromStack(service) };
};

interface PolicyStatement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: unknown;
}

/** Logical id of the function deployed as pulse-relay-test-<name>. */
export const functionLogicalId = (template: Template, name: string): string => {
  const found = template.findResources('AWS::Lambda::Function', {
    Properties: { FunctionName: `pulse-relay-test-${name}` },
  });
  const ids = Object.keys(found);
  if (ids.length !== 1) throw new Error(`Expected one function ${name}, found ${ids.length}`);
  return ids[0] as string;
};

/** Every statement in the policies attached to a function's role. */
export const statementsOf = (template: Template, name: string): PolicyStatement[] => {
  const fn = template.findResources('AWS::Lambda::Function')[functionLogicalId(template, name)] as {
    Properties: { Role: { 'Fn::GetAtt': [string, string] } };
  };
  const roleId = fn.Properties.Role['Fn::GetAtt'][0];
  const policies = Object.values(
    template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } }),
  ) as { Properties: { PolicyDocument: { Statement: PolicyStatement[] } } }[];
  return policies.flatMap((policy) => policy.Properties.PolicyDocument.Statement);
};

export const actionsOf = (statements: PolicyStatement[]): string[] =>
  statements.flatMap((statement) =>
    Array.isArray(statement.Action) ? statement.Action : [statement.Action],
  );

/** Statements whose resources mention the given logical-id fragment (e.g. 'TablesAlerts'). */
export const statementsOn = (statements: PolicyStatement[], fragment: string): PolicyStatement[] =>
  statements.filter((statement) => JSON.stringify(statement.Resource).includes(fragment));
