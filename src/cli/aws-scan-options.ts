import type { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import type { ConfigLayer } from '../config/config-loader.js';
import { UsageError } from '../common/vigil-error.js';
import { checkAccountIds, listFlag } from '../providers/aws/aws-settings.js';
import { listenToProgress } from '../providers/aws/collection-progress.js';
import type { CliIo } from './cli-io.js';

export interface AwsScanFlags {
  accounts?: string;
  ous?: string;
  regions?: string;
  roleName?: string;
  externalId?: string;
}

/** `vigil scan`'s options for `--source aws`; each sets the `aws:` config key of the same name. */
export const withAwsScanOptions = (cmd: Command): Command =>
  cmd
    .option('--accounts <all|current|ids>', 'AWS accounts: all (AWS Organizations), current (default), or 111122223333,444455556666')
    .option('--ous <paths>', 'only accounts in these OUs, e.g. root/prod,root/shared (sub-OUs included)')
    .option('--regions <all|names>', 'AWS regions: all (each account\'s enabled regions, default) or eu-west-1,eu-central-1')
    .option('--role-name <name>', 'role assumed in each account (default VigilReadOnly)')
    .option('--external-id <id>', 'sts:ExternalId the role\'s trust policy requires');

/**
 * The flags as a config layer (flags win over file and environment; validated with the rest).
 * @example awsConfigLayer({ accounts: 'all', regions: 'eu-west-1' }); // { aws: { accounts: 'all', regions: ['eu-west-1'] } }
 */
export const awsConfigLayer = (f: AwsScanFlags): ConfigLayer => {
  const aws: Record<string, unknown> = {};
  if (f.accounts !== undefined) {
    aws.accounts = listFlag('accounts', f.accounts, ['all', 'current']);
    if (Array.isArray(aws.accounts)) checkAccountIds(aws.accounts, '--accounts');
  }
  if (f.ous !== undefined) {
    aws.ous = listFlag('ous', f.ous, []);
    const bad = (aws.ous as string[]).filter((o) => !/^root(\/[^/]+)*$/.test(o));
    if (bad.length) throw new UsageError(`--ous: OU paths start at the root, e.g. root/prod; found ${bad.join(', ')}`);
  }
  if (f.regions !== undefined) {
    aws.regions = listFlag('regions', f.regions, ['all']);
    const bad = Array.isArray(aws.regions) ? aws.regions.filter((r) => !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(r)) : [];
    if (bad.length) throw new UsageError(`--regions: not a region name (like eu-west-1): ${bad.join(', ')}`);
  }
  if (f.roleName !== undefined) aws.roleName = f.roleName;
  if (f.externalId !== undefined) aws.externalId = f.externalId;
  return Object.keys(aws).length ? ({ aws } as ConfigLayer) : {};
};

/**
 * The AWS collection's progress bar on a terminal: account × region × service listings done of
 * those planned so far, accounts, API calls and their rate, resources, failures.
 */
export const awsProgressBar = (io: CliIo): { stop(): void } | undefined => {
  if (!io.stderr.isTTY) return undefined;
  const bar = new SingleBar({
    format: 'collecting {bar} {value}/{total} account×region×service · {accounts} accounts · {calls} calls ({rate}/s) · {resources} resources · {failures} failed',
    stream: io.stderr, hideCursor: true, etaBuffer: 50,
  });
  const t0 = performance.now();
  bar.start(0, 0, { accounts: '0/0', calls: 0, rate: 0, resources: 0, failures: 0 });
  const stopListening = listenToProgress((p) => {
    const seconds = Math.max(0.001, (performance.now() - t0) / 1000);
    bar.setTotal(p.scopes.total);
    bar.update(p.scopes.done, { accounts: `${p.accounts.done}/${p.accounts.total}`, calls: p.calls, rate: Math.round(p.calls / seconds), resources: p.resources, failures: p.failures });
  });
  return {
    stop: () => {
      stopListening();
      bar.stop();
    },
  };
};
