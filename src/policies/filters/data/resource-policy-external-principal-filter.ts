import { Type } from '@sinclair/typebox';
import type { Evidence } from '../../../violations/evidence.js';
import type { FilterContext, NamedFilterDefinition } from '../named-filter.js';
import { conditionValues, POLICY_FIELDS, policyStatementsOf, principalAccount, statementPrincipals } from './resource-policy-statements.js';

export interface ExternalPrincipalParams {
  /** Account ids outside the organisation that may be granted access (seed 002: allow-listed partners). */
  partnerAccounts?: string[];
}

/** The organisation's account ids, built once per scan. */
const organisationAccounts = (ctx: FilterContext): ReadonlySet<string> =>
  ctx.lookup.memo('data/organisation-account-ids', () => new Set(ctx.organization.accounts.map((a) => a.id)));

/**
 * Accounts a `Principal: "*"` statement is pinned to by `aws:PrincipalAccount` / `aws:SourceAccount`;
 * a statement pinned by `aws:PrincipalOrgID` to the organisation names no outsider.
 */
const pinnedAccounts = (st: Record<string, unknown>, path: string): { path: string; value: string }[] =>
  ['aws:PrincipalAccount', 'aws:SourceAccount'].flatMap((key) =>
    conditionValues(st, key)
      .filter(({ operator }) => !/Not/i.test(operator))
      .flatMap(({ operator, values }) =>
        values.filter((v): v is string => typeof v === 'string').map((value) => ({ path: `${path}.Condition.${operator}["${key}"]`, value })),
      ),
  );

/**
 * Data shared outside the organisation (seed 002): an `Allow` statement of the resource policy names an
 * AWS principal (account id, IAM/STS ARN) whose account is neither one of the organisation's accounts
 * (`ctx.organization.accounts`), nor the resource's own account, nor an allow-listed partner. A
 * `Principal: "*"` counts through the accounts its conditions pin it to; an unrestricted `*` is the
 * `s3-policy-allows-public` filter's finding. Service principals (cloudtrail.amazonaws.com…) and
 * CloudFront origin identities are AWS itself, not a third party.
 *
 * @example
 * { filter: resource-policy-external-principal, partnerAccounts: { param: partnerAccounts } }
 */
export const resourcePolicyExternalPrincipalFilter: NamedFilterDefinition<ExternalPrincipalParams> = {
  name: 'resource-policy-external-principal',
  reads: [...POLICY_FIELDS],
  description: 'The resource policy allows an AWS account outside the organisation that is not on the partner allow-list.',
  params: Type.Object({ partnerAccounts: Type.Optional(Type.Array(Type.String({ pattern: '^\\d{12}$' }), { default: [] })) }),
  appliesTo: ['aws.s3.bucket', 'aws.dynamodb.table'],
  compile: ({ partnerAccounts = [] }) => {
    const partners = new Set(partnerAccounts);
    return (resource, ctx) => {
      const { statements } = policyStatementsOf(resource, ctx.lookup);
      if (statements.length === 0) return null;
      const org = organisationAccounts(ctx);
      const inside = (account: string): boolean => account === resource.accountId || org.has(account) || partners.has(account);
      const out: Evidence[] = [];
      const expected = 'an account of the organisation or an allow-listed partner';
      for (const { path, statement } of statements) {
        if (statement.Effect !== 'Allow') continue;
        for (const p of statementPrincipals(statement, path)) {
          if (p.kind === '*') {
            for (const pin of pinnedAccounts(statement, path)) if (!inside(pin.value)) out.push({ path: pin.path, expected, actual: pin.value });
            continue;
          }
          if (p.kind !== 'AWS') continue;
          const account = principalAccount(p.value);
          if (account !== undefined && !inside(account)) {
            out.push({ path: p.path, expected, actual: p.value, note: `account ${account} is outside the organisation` });
          }
        }
      }
      return out.length > 0 ? out : null;
    };
  },
  example: { filter: 'resource-policy-external-principal', partnerAccounts: ['444455556666'] },
};
