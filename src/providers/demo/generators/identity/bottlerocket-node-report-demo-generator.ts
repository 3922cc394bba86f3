import type { DemoGenerator } from '../../demo-generator.js';
import { isoAt } from '../demo-time.js';
import { TEAMS, ownerTags } from './demo-vocabulary.js';

type Status = 'PASS' | 'FAIL' | 'SKIP';

const check = (name: string, id: string, title: string, status: Status) =>
  Object.freeze({
    name, id, level: 1, title, mode: 'Automatic', status, error: status === 'PASS' ? '' : status === 'FAIL' ? 'Unable to find expected values' : 'unable to verify settings',
  });

// Each check has two or three possible results: built once and shared (frozen) by every report.
const VERITY = { PASS: check('br01030100', '1.3.1', 'Ensure dm-verity is configured', 'PASS'), FAIL: check('br01030100', '1.3.1', 'Ensure dm-verity is configured', 'FAIL') };
const SETUID = check('br01040100', '1.4.1', 'Ensure setuid programs do not create core dumps', 'PASS');
const ASLR = check('br01040200', '1.4.2', 'Ensure address space layout randomization (ASLR) is enabled', 'PASS');
const SELINUX = {
  PASS: check('br01050100', '1.5.1', 'Ensure SELinux is configured', 'PASS'),
  FAIL: check('br01050100', '1.5.1', 'Ensure SELinux is configured', 'FAIL'),
  SKIP: check('br01050100', '1.5.1', 'Ensure SELinux is configured', 'SKIP'),
};

/**
 * Bottlerocket CIS reports (`apiclient report cis -f json`) for EKS nodes: nearly all pass; a few
 * nodes report SELinux not enforcing (1.5.1), dm-verity missing (1.3.1), or could not run a check (SKIP).
 *
 * @example
 * bottlerocketNodeReportDemoGenerator.generate(ctx).config.results.br01050100.status; // 'PASS'
 */
export const bottlerocketNodeReportDemoGenerator: DemoGenerator = {
  type: 'aws.bottlerocket.node-report',
  scope: 'regional',
  weight: 2,
  min: 3,
  generate: ({ rng, account, now, index }) => {
    const team = TEAMS[index % TEAMS.length] as string;
    const r = rng.roll(0.5);
    const selinux: Status = r < 0.025 ? 'FAIL' : r < 0.03 ? 'SKIP' : 'PASS';
    const verity: 'PASS' | 'FAIL' = r > 0.97 ? 'FAIL' : 'PASS';
    const results = { br01030100: VERITY[verity], br01040100: SETUID, br01040200: ASLR, br01050100: SELINUX[selinux] };
    const failed = (verity === 'FAIL' ? 1 : 0) + (selinux === 'FAIL' ? 1 : 0);
    const skipped = selinux === 'SKIP' ? 1 : 0;
    const b = rng.int(0, 255);
    const c = rng.int(0, 255);
    const d = rng.int(1, 254);
    return {
      config: {
        InstanceId: `i-0${rng.hex(16)}`,
        ClusterName: `${account.environment ?? 'main'}-${team}-${index % 3}`,
        NodeName: `ip-10-${b}-${c}-${d}.compute.internal`,
        Tags: ownerTags(team),
        level: 1,
        total: 4,
        passed: 4 - failed - skipped,
        skipped,
        failed,
        status: failed > 0 ? 'FAIL' : 'PASS',
        timestamp: isoAt(now - rng.int(0, 86_400_000)),
        name: 'CIS Bottlerocket Benchmark',
        version: 'v1.0.0',
        url: 'https://www.cisecurity.org/benchmark/bottlerocket',
        results,
      },
    };
  },
};
