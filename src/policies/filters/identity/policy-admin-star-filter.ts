import { Type } from '@sinclair/typebox';
import type { Resource } from '../../../inventory/resource.js';
import type { Evidence } from '../../../violations/evidence.js';
import type { NamedFilterDefinition } from '../named-filter.js';

export interface PolicyAdminStarParams {
  /** Count statements that carry a Condition block too (default true: a condition rarely tames `*:*`). */
  includeConditional?: boolean;
}

type Doc = { path: string; document: unknown };

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** IAM returns documents URL-encoded; collectors may keep them as text. */
const parseDocument = (doc: unknown): unknown => {
  if (typeof doc !== 'string') return doc;
  try {
    return JSON.parse(doc.trimStart().startsWith('{') ? doc : decodeURIComponent(doc));
  } catch {
    return undefined;
  }
};

/** Where each resource type keeps its policy documents. */
const documentsOf = (r: Resource): Doc[] => {
  const c = r.config;
  const docs: Doc[] = [];
  if (isRecord(c.PolicyVersion)) docs.push({ path: 'PolicyVersion.Document', document: c.PolicyVersion.Document });
  for (const key of ['UserPolicyList', 'RolePolicyList', 'GroupPolicyList'] as const) {
    const list = c[key];
    if (Array.isArray(list)) list.forEach((p, i) => isRecord(p) && docs.push({ path: `${key}[${i}].PolicyDocument`, document: p.PolicyDocument }));
  }
  return docs;
};

const grantsEverything = (action: unknown): boolean => asList(action).some((a) => a === '*' || a === '*:*');
const onEverything = (resource: unknown): boolean => asList(resource).some((a) => a === '*');

/**
 * Policy-document analysis for "no full administrative privileges" (CIS 1.16 v4, Security Hub IAM.1):
 * a statement with `Effect: Allow`, `Action` `*` (string or in a list) on `Resource` `*`. Also caught:
 * `Allow` + `NotAction` on `*` (everything except a few actions is still admin) and `Action: *` with
 * `NotResource` (everything except a few resources). `Statement` may be one object or a list;
 * documents may be parsed JSON or URL-encoded text.
 *
 * @example
 * { filter: policy-allows-admin-star }
 */
export const policyAdminStarFilter: NamedFilterDefinition<PolicyAdminStarParams> = {
  name: 'policy-allows-admin-star',
  description: 'A policy document (managed policy default version or inline policy) has a statement that allows every action on every resource.',
  params: Type.Object({ includeConditional: Type.Optional(Type.Boolean()) }),
  appliesTo: ['aws.iam.policy', 'aws.iam.role', 'aws.iam.user'],
  compile: ({ includeConditional = true }) => (resource) => {
    const out: Evidence[] = [];
    for (const { path, document } of documentsOf(resource)) {
      const doc = parseDocument(document);
      if (!isRecord(doc)) continue;
      const single = !Array.isArray(doc.Statement);
      asList(doc.Statement).forEach((s, i) => {
        if (!isRecord(s) || s.Effect !== 'Allow') return;
        if (!includeConditional && s.Condition !== undefined) return;
        const at = single ? `${path}.Statement` : `${path}.Statement[${i}]`;
        if (s.Action !== undefined && grantsEverything(s.Action) && (onEverything(s.Resource) || s.NotResource !== undefined)) {
          out.push({ path: `${at}.Action`, expected: 'no Allow of "*" on "*"', actual: s.Action, note: s.NotResource !== undefined ? 'Action "*" with NotResource' : 'Action "*" on Resource "*"' });
        } else if (s.NotAction !== undefined && onEverything(s.Resource)) {
          out.push({ path: `${at}.NotAction`, expected: 'no Allow with NotAction on "*"', actual: s.NotAction, note: 'Allow + NotAction on Resource "*" grants every other action' });
        }
      });
    }
    return out.length ? out : null;
  },
  example: { filter: 'policy-allows-admin-star' },
};
