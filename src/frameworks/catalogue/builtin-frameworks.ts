import type { Framework } from '../framework.js';
import { awsBackupAuditManagerFramework } from './aws-backup-audit-manager-framework.js';
import { awsFsbpFramework } from './aws-fsbp-framework.js';
import { cisAwsV3Framework, cisAwsV4Framework, cisAwsV5Framework, cisAwsV6Framework } from './cis-aws-frameworks.js';
import { doraFramework, doraRtsFramework } from './dora-framework.js';
import { gdprFramework } from './gdpr-framework.js';
import { iso27001Framework } from './iso27001-framework.js';

/**
 * Every framework Vigil ships, for the composition root to hand to a `FrameworkRegistry`.
 * Adding a framework is one new catalogue file plus one line here.
 *
 * @example
 * const frameworks = new FrameworkRegistry(builtinFrameworks());
 */
export const builtinFrameworks = (): Framework[] => [
  doraFramework,
  doraRtsFramework,
  iso27001Framework,
  cisAwsV6Framework,
  cisAwsV5Framework,
  cisAwsV4Framework,
  cisAwsV3Framework,
  awsFsbpFramework,
  gdprFramework,
  awsBackupAuditManagerFramework,
];
