import type { Template } from 'aws-cdk-lib/assertions';
import { statementsOf } from './pulse-relay-app.js';

type Statement = ReturnType<typeof statementsOf>[number];

const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

const globMatches = (pattern: string, value: string): boolean =>
  new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  ).test(value);

/** Whether a statement's resources include the table itself (not one of its indexes). */
const onTable = (statement: Statement, tableFragment: string): boolean =>
  asList(statement.Resource).some((resource) => {
    const text = JSON.stringify(resource);
    return text.includes(tableFragment) && !text.includes('/index/');
  });

/**
 * Evaluates the only condition this project uses on tables and indexes: dynamodb:LeadingKeys under
 * ForAllValues:StringLike (item kinds, `KIND#*`) or ForAllValues:StringEquals (gsi1 partitions).
 */
const conditionAllows = (statement: Statement, leadingKey: string): boolean => {
  if (statement.Condition === undefined) return true;
  const condition = statement.Condition as Record<string, Record<string, string | string[]>>;
  const operators = Object.keys(condition);
  const operator = operators[0];
  if (
    operators.length !== 1 ||
    (operator !== 'ForAllValues:StringLike' && operator !== 'ForAllValues:StringEquals')
  ) {
    throw new Error(`Unexpected table condition ${JSON.stringify(condition)}`);
  }
  const patterns = asList(condition[operator]?.['dynamodb:LeadingKeys'] ?? []);
  return operator === 'ForAllValues:StringLike'
    ? patterns.some((pattern) => globMatches(pattern, leadingKey))
    : patterns.includes(leadingKey);
};

/**
 * Whether a function's role may perform `action` on the item with partition key `leadingKey` in the table
 * whose logical id contains `tableFragment` (identity policies only; Allow statements, as this project writes).
 */
export const mayAccessItem = (
  template: Template,
  functionName: string,
  action: string,
  tableFragment: string,
  leadingKey: string,
): boolean =>
  statementsOf(template, functionName).some(
    (statement) =>
      statement.Effect === 'Allow' &&
      asList(statement.Action).includes(action) &&
      onTable(statement, tableFragment) &&
      conditionAllows(statement, leadingKey),
  );

/** Whether a function's role may Query the named index of the table for one index partition value. */
export const mayQueryIndex = (
  template: Template,
  functionName: string,
  tableFragment: string,
  indexName: string,
  partitionValue: string,
): boolean =>
  statementsOf(template, functionName).some(
    (statement) =>
      statement.Effect === 'Allow' &&
      asList(statement.Action).includes('dynamodb:Query') &&
      asList(statement.Resource).some((resource) => {
        const text = JSON.stringify(resource);
        return text.includes(tableFragment) && text.includes(`/index/${indexName}`);
      }) &&
      conditionAllows(statement, partitionValue),
  );
