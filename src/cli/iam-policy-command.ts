import { Option, type Command } from 'commander';
import { buildActions } from '../composition-root.js';
import { enforcerIamPolicy } from '../enforcers/enforcer-iam-policy.js';
import { UsageError } from '../common/vigil-error.js';
import { loadConfig } from '../config/config-loader.js';
import { collectorActions, collectorResources, iamPolicyDocument, principalPolicyDocument, readOnlyRoleTemplate } from '../providers/aws/iam-policy-generator.js';
import { reporterIamPolicy, s3ReportTarget } from '../reports/report-s3-target.js';
import { println, type CliIo } from './cli-io.js';

/** `collector`, or `enforcer:<family>` / `enforcer:*` (the action registry's families). */
const COMPONENT = /^(collector|reporter|enforcer:([a-z0-9][a-z0-9-]*|\*))$/;
const FORMATS = ['json', 'cloudformation', 'principal'] as const;

interface Flags {
  component: string;
  format: (typeof FORMATS)[number];
  cloudformation?: boolean;
  roleName: string;
  config?: string;
  bottlerocketReports?: string;
}

/**
 * `vigil iam-policy --component collector`: the least-privilege read-only IAM policy generated from
 * what every collector declares it calls (`--component enforcer:<family>`: what that family's actions
 * declare they need); `--format cloudformation` wraps it in a StackSets-ready
 * role template; `--format principal` prints what the principal Vigil runs as needs (list accounts,
 * assume the role).
 */
export const registerIamPolicy = (program: Command, io: CliIo): void => {
  program
    .command('iam-policy')
    .description('print the least-privilege IAM policy a Vigil component needs')
    .requiredOption('--component <name>', 'collector, reporter (the manager\'s report plans\' S3 destinations), enforcer:<family> (e.g. enforcer:s3) or enforcer:*')
    .addOption(new Option('-f, --format <format>', 'json: the role\'s policy; cloudformation: a StackSets template of the role; principal: the policy Vigil runs with').choices([...FORMATS]).default('json'))
    .option('--cloudformation', 'same as --format cloudformation')
    .option('--role-name <name>', 'name of the read-only role', 'VigilReadOnly')
    .option('-c, --config <file>', 'configuration file (default: vigil.config.yaml if present, or $VIGIL_CONFIG): its aws.bottlerocketReports adds the report reads')
    .option('--bottlerocket-reports <s3-url>', 's3://bucket/prefix where Bottlerocket nodes publish CIS reports (as aws.bottlerocketReports)')
    .action(async (flags: Flags) => {
      const m = COMPONENT.exec(flags.component);
      if (!m) throw new UsageError(`--component must be collector, reporter, enforcer:<family> or enforcer:*, not "${flags.component}"`, { field: 'component' });
      if (m[1] === 'reporter') {
        // The manager's report plans that deliver to S3 (reports.plans[].to.s3 in the configuration).
        const config = await loadConfig({ ...(flags.config ? { file: flags.config } : {}), env: io.env, cwd: io.cwd });
        const targets = (config.reports?.plans ?? []).flatMap((p) => (p.to.s3 ? [s3ReportTarget(p.to.s3)] : []));
        println(io.stdout, JSON.stringify(reporterIamPolicy(targets), null, 2));
        return;
      }
      if (m[2]) {
        println(io.stdout, JSON.stringify(enforcerIamPolicy(await buildActions(), m[2]), null, 2));
        return;
      }
      if (!/^[\w+=,.@/-]{1,128}$/.test(flags.roleName)) throw new UsageError(`--role-name: not an IAM role name: "${flags.roleName}"`);
      const format = flags.cloudformation ? 'cloudformation' : flags.format;
      // The collectors import the AWS SDK (~1.7 s): loaded for this command only, not for every CLI start.
      const { awsCollectors } = await import('../providers/aws/collectors/all-collectors.js');
      // The collectors the scan would run with this configuration: with Bottlerocket reports configured, their reads too.
      const config = await loadConfig({ ...(flags.config ? { file: flags.config } : {}), env: io.env, cwd: io.cwd, ...(flags.bottlerocketReports ? { flags: { aws: { bottlerocketReports: flags.bottlerocketReports } } } : {}) });
      const collectors = awsCollectors(config.aws);
      const policy = iamPolicyDocument(collectorActions(collectors), collectorResources(collectors));
      const out = format === 'cloudformation' ? readOnlyRoleTemplate(policy, flags.roleName) : format === 'principal' ? principalPolicyDocument(flags.roleName) : policy;
      println(io.stdout, JSON.stringify(out, null, 2));
    });
};
