import { Type } from '@sinclair/typebox';
import type { Evidence } from '../../../violations/evidence.js';
import type { NamedFilterDefinition } from '../named-filter.js';
import { anyConditionValue, asList, namesEveryone, POLICY_FIELDS, policyStatementsOf, statementPrincipals } from './resource-policy-statements.js';

/**
 * Condition keys that pin a public principal to known callers when given fixed values: the keys S3's
 * own "is this policy public" evaluation accepts (network origin, calling account/organisation, source
 * ARN, access point).
 */
const RESTRICTING_KEYS = [
  'aws:SourceIp',
  'aws:SourceVpc',
  'aws:SourceVpce',
  'aws:SourceArn',
  'aws:SourceAccount',
  'aws:SourceOwner',
  'aws:SourceOrgID',
  'aws:SourceOrgPaths',
  'aws:PrincipalOrgID',
  'aws:PrincipalOrgPaths',
  'aws:PrincipalAccount',
  'aws:PrincipalArn',
  'aws:userid',
  's3:DataAccessPointArn',
  's3:DataAccessPointAccount',
];

const OPEN_NETWORKS = new Set(['0.0.0.0/0', '::/0']);

/**
 * A condition restricts only when it can fail for a stranger: a positive operator (not `…Not…`, not
 * `…IfExists`, which lets requests without the key through) with concrete values (not `*`, not an
 * all-addresses CIDR).
 */
const isRestricted = (statement: Record<string, unknown>): boolean => anyConditionValue(statement, RESTRICTING, restricts);

/** Condition keys are case-insensitive in IAM. */
const RESTRICTING: ReadonlySet<string> = new Set(RESTRICTING_KEYS.map((k) => k.toLowerCase()));

const restricts = (operator: string, values: unknown[]): boolean =>
  !/Not|IfExists/i.test(operator) && values.length > 0 && values.every((v) => typeof v === 'string' && v !== '*' && !OPEN_NETWORKS.has(v));

const why = (statement: Record<string, unknown>): string => {
  const actions = asList(statement.Action).join(', ') || asList(statement.NotAction).map((a) => `not ${String(a)}`).join(', ');
  return `${typeof statement.Sid === 'string' ? `statement ${statement.Sid}: ` : ''}allows ${actions || 'actions'} to anyone`;
};

/**
 * A bucket policy statement that allows everyone: `Effect: Allow` with `Principal: "*"` or
 * `{AWS: "*"}` (alone or in a list), or `Allow` with `NotPrincipal` (everyone but a few), and no condition
 * that pins callers to a network, account or organisation. Deny statements never make a bucket public.
 *
 * @example
 * { filter: s3-policy-allows-public }
 */
export const s3PolicyAllowsPublicFilter: NamedFilterDefinition<Record<string, never>> = {
  name: 's3-policy-allows-public',
  reads: [...POLICY_FIELDS],
  description: 'The resource policy allows everyone ("*") without a condition that restricts callers to known networks, accounts or the organisation.',
  params: Type.Object({}),
  appliesTo: ['aws.s3.bucket', 'aws.dynamodb.table'],
  compile: () => (resource, ctx) => {
    const { statements } = policyStatementsOf(resource, ctx.lookup);
    let out: Evidence[] | null = null;
    for (const { path, statement } of statements) {
      if (statement.Effect !== 'Allow' || isRestricted(statement)) continue;
      if (statement.NotPrincipal !== undefined) {
        (out ??= []).push({ path: `${path}.NotPrincipal`, expected: 'no Allow with NotPrincipal', actual: statement.NotPrincipal, note: why(statement) });
        continue;
      }
      // Most Allow statements name accounts: only a `*` principal is worth the evidence text.
      if (!namesEveryone(statement)) continue;
      for (const p of statementPrincipals(statement, path)) {
        if (p.kind === '*') (out ??= []).push({ path: p.path, expected: 'named principals, or a condition restricting who may call', actual: '*', note: why(statement) });
      }
    }
    return out;
  },
  example: { filter: 's3-policy-allows-public' },
};
