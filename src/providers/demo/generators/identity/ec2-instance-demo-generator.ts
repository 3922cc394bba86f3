import type { DemoGenerator } from '../../demo-generator.js';
import { TEAMS, isoDaysAgo, ownerTags } from './demo-vocabulary.js';

const TYPES = ['m6i.large', 'c6i.xlarge', 't3.medium', 'r6g.large', 'm7g.xlarge'] as const;

// The few shapes these take, shared (frozen) by every instance instead of a copy each.
const RUNNING = Object.freeze({ Code: 16, Name: 'running' });
const STOPPED = Object.freeze({ Code: 80, Name: 'stopped' });
const metadata = (HttpTokens: string, HttpPutResponseHopLimit: number) => Object.freeze({ State: 'applied', HttpTokens, HttpPutResponseHopLimit, HttpEndpoint: 'enabled' });
const IMDS = { optional: [metadata('optional', 1), metadata('optional', 2)], required: [metadata('required', 1), metadata('required', 2)] } as const;

/**
 * EC2 instances: Amazon Linux 2023 hosts managed by SSM (patch summaries, a few non-compliant or with
 * stale scans), Bottlerocket EKS nodes (no SSM patch data: judged on AMI age), Windows hosts, some old
 * AMIs, a few IMDSv1-capable instances and a few without an `owner` tag.
 *
 * @example
 * ec2InstanceDemoGenerator.generate(ctx).config.MetadataOptions; // { HttpTokens: 'required', … }
 */
export const ec2InstanceDemoGenerator: DemoGenerator = {
  type: 'aws.ec2.instance',
  scope: 'regional',
  weight: 8,
  min: 6,
  generate: ({ rng, account, now, index }) => {
    const id = `i-0${rng.hex(16)}`;
    const team = TEAMS[rng.int(0, TEAMS.length - 1)] as string;
    const os = rng.next();
    const kind = os < 0.3 ? 'bottlerocket' : os < 0.38 ? 'windows' : 'al2023';
    const imageDays = rng.chance(0.1) ? rng.int(31, 500) : rng.int(1, 28);
    const launchDays = rng.int(0, imageDays);
    const running = rng.chance(0.9);
    const imageId = `ami-0${rng.hex(16)}`;
    const imageName =
      kind === 'bottlerocket' ? `bottlerocket-aws-k8s-1.31-x86_64-v1.26.${rng.int(0, 4)}` : kind === 'windows' ? 'Windows_Server-2022-English-Full-Base' : 'al2023-ami-2023.6-kernel-6.1-x86_64';
    const config: Record<string, unknown> = {
      InstanceId: id,
      InstanceType: TYPES[index % TYPES.length],
      ImageId: imageId,
      LaunchTime: isoDaysAgo(now, launchDays),
      State: running ? RUNNING : STOPPED,
      PlatformDetails: kind === 'windows' ? 'Windows' : 'Linux/UNIX',
      PrivateIpAddress: `10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`,
      VpcId: `vpc-0${account.id.slice(-7)}`,
      SubnetId: `subnet-0${rng.hex(8)}`,
      MetadataOptions: IMDS[rng.chance(0.06) ? 'optional' : 'required'][kind === 'bottlerocket' ? 1 : 0],
      SecurityGroups: [{ GroupId: `sg-0${rng.hex(16)}`, GroupName: `${team}-app` }],
      Tags: ownerTags(rng.chance(0.96) ? team : undefined, { Name: `${team}-${kind}-${index}` }),
      Image: { ImageId: imageId, Name: imageName, CreationDate: isoDaysAgo(now, imageDays) },
    };
    if (rng.chance(0.9)) config.IamInstanceProfile = { Arn: `arn:aws:iam::${account.id}:instance-profile/${team}-app`, Id: `AIPA${rng.upper(17)}` };
    if (rng.chance(0.08)) config.PublicIpAddress = `${rng.int(3, 54)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
    if (kind !== 'bottlerocket') {
      const nonCompliant = rng.chance(0.05);
      const missing = nonCompliant ? rng.int(1, 30) : 0;
      config.PatchCompliance = {
        ComplianceType: 'Patch',
        ResourceType: 'ManagedInstance',
        ResourceId: id,
        Status: nonCompliant ? 'NON_COMPLIANT' : 'COMPLIANT',
        OverallSeverity: nonCompliant ? rng.pick(['CRITICAL', 'HIGH', 'MEDIUM']) : 'UNSPECIFIED',
        ExecutionSummary: { ExecutionTime: isoDaysAgo(now, rng.chance(0.04) ? rng.int(31, 120) : rng.int(0, 14)), ExecutionType: 'Command' },
        CompliantSummary: { CompliantCount: rng.int(200, 600) },
        NonCompliantSummary: { NonCompliantCount: missing },
      };
    }
    return { config };
  },
};
