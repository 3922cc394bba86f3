import type { Registry } from '../common/registry.js';
import { UsageError } from '../common/vigil-error.js';
import { familyOf, type EnforcementAction } from './enforcement-action.js';

/** An IAM policy document. */
export interface IamPolicyDocument {
  Version: '2012-10-17';
  Statement: { Sid: string; Effect: 'Allow'; Action: string[]; Resource: '*' }[];
}

/**
 * The least-privilege IAM policy of an enforcer: exactly the IAM actions its family's actions declare
 * (a meta-test and a run-time guard keep the declarations honest), one statement per action so a
 * reviewer sees why each permission is there.
 *
 * @example
 * enforcerIamPolicy(actions, 'kms').Statement[0]; // { Sid: 'KmsCancelKeyDeletion', Effect: 'Allow', Action: ['kms:CancelKeyDeletion', 'kms:DescribeKey'], Resource: '*' }
 * @throws UsageError for a family no action belongs to.
 */
export const enforcerIamPolicy = (actions: Registry<EnforcementAction>, family: string): IamPolicyDocument => {
  const mine = actions.list().filter((a) => family === '*' || familyOf(a) === family);
  if (mine.length === 0) {
    const families = [...new Set(actions.list().map(familyOf))].sort();
    throw new UsageError(`no enforcement actions in family "${family}"; families: ${families.join(', ')}`, { field: 'component' });
  }
  return {
    Version: '2012-10-17',
    Statement: mine
      .filter((a) => a.permissions.length > 0)
      .map((a) => ({
        Sid: a.name.replace(/(^|[.-])([a-z0-9])/g, (_, __, c: string) => c.toUpperCase()),
        Effect: 'Allow' as const,
        Action: [...new Set(a.permissions)].sort(),
        Resource: '*' as const,
      })),
  };
};
