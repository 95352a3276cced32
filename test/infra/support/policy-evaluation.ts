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

/** Evaluates the only condition this project uses on tables: ForAllValues:StringLike dynamodb:LeadingKeys. */
const conditionAllows = (statement: Statement, leadingKey: string): boolean => {
  if (statement.Condition === undefined) return true;
  const condition = statement.Condition as Record<string, Record<string, string | string[]>>;
  const operators = Object.keys(condition);
  if (operators.length !== 1 || operators[0] !== 'ForAllValues:StringLike') {
    throw new Error(`Unexpected table condition ${JSON.stringify(condition)}`);
  }
  const patterns = asList(condition['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'] ?? []);
  return patterns.some((pattern) => globMatches(pattern, leadingKey));
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
