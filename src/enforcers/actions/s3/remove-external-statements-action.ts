import { Type, type Static } from '@sinclair/typebox';
import type { ActionContext, EnforcementAction } from '../../enforcement-action.js';
import { tableResourcePolicy } from '../dynamodb/table-resource-policy.js';
import { restorePolicy, type PolicyState } from '../policy-statement-action.js';
import { bucketPolicy } from './bucket-policy.js';
import { stripOutsiders } from './external-statements.js';

const Params = Type.Object(
  {
    internalAccounts: Type.Array(Type.String({ pattern: '^\\d{12}$' }), {
      default: [],
      description: 'Accounts that may keep access besides the resource\'s own: the organisation\'s accounts and approved partners.',
    }),
    organizationIds: Type.Array(Type.String({ pattern: '^o-[a-z0-9]{10,32}$' }), { default: [], description: 'A "*" principal pinned by aws:PrincipalOrgID to one of these stays.' }),
  },
  { additionalProperties: false },
);
type P = Static<typeof Params>;
/** outsiders: principals (or statements) the action would remove. */
type State = PolicyState & { outsiders: number };

const docOf = (ctx: ActionContext<P>) => (ctx.resource.type === 'aws.dynamodb.table' ? tableResourcePolicy : bucketPolicy);
const strip = (policy: string | null, ctx: ActionContext<P>) =>
  stripOutsiders(policy, { accounts: new Set([ctx.resource.accountId, ...ctx.params.internalAccounts]), organizationIds: new Set(ctx.params.organizationIds) });

/**
 * Removes from a bucket policy (or a DynamoDB table's resource policy) the principals outside the
 * organisation — AWS accounts other than the resource's own and `internalAccounts`, and `*` not
 * pinned to them or to `organizationIds` — keeping every other statement and principal as it was;
 * a policy left empty is deleted. Undo writes the recorded policy back. ACL grants are
 * s3.private-acl's.
 */
export const s3RemoveExternalStatements: EnforcementAction<P, State> = {
  name: 's3.remove-external-statements',
  description: 'Removes principals outside the organisation from the bucket (or table) resource policy, keeping every internal statement.',
  schema: Params,
  resourceTypes: ['aws.s3.bucket', 'aws.dynamodb.table'],
  risk: 'disruptive',
  reversible: true,
  permissions: [...bucketPolicy.permissions, ...tableResourcePolicy.permissions],
  commands: [...bucketPolicy.commands, ...tableResourcePolicy.commands],
  async read(ctx) {
    const policy = await docOf(ctx).get(ctx);
    return { policy, outsiders: strip(policy, ctx).removed };
  },
  compliant: (s) => s.outsiders === 0,
  async apply(ctx, before) {
    const out = strip(before.policy, ctx);
    if (out.removed === 0) return;
    if (out.statements === 0) await docOf(ctx).remove(ctx);
    else await docOf(ctx).put(ctx, out.policy as string);
  },
  undo: (ctx, before) => restorePolicy(docOf(ctx), ctx, before),
};
