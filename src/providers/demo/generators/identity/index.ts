import type { DemoGenerator } from '../../demo-generator.js';
import { accessAnalyzerRegionDemoGenerator } from './access-analyzer-region-demo-generator.js';
import { bottlerocketNodeReportDemoGenerator } from './bottlerocket-node-report-demo-generator.js';
import { ec2InstanceDemoGenerator } from './ec2-instance-demo-generator.js';
import { ec2SecurityGroupDemoGenerator } from './ec2-security-group-demo-generator.js';
import { ecsTaskDefinitionDemoGenerator } from './ecs-task-definition-demo-generator.js';
import { eksClusterDemoGenerator } from './eks-cluster-demo-generator.js';
import { eksNodegroupDemoGenerator } from './eks-nodegroup-demo-generator.js';
import { iamAccountDemoGenerator } from './iam-account-demo-generator.js';
import { iamPolicyDemoGenerator } from './iam-policy-demo-generator.js';
import { iamRoleDemoGenerator } from './iam-role-demo-generator.js';
import { iamUserDemoGenerator } from './iam-user-demo-generator.js';

/** Demo generators of the identity area; one line per generator. */
export const identityGenerators: DemoGenerator[] = [
  iamUserDemoGenerator,
  iamRoleDemoGenerator,
  iamPolicyDemoGenerator,
  iamAccountDemoGenerator,
  accessAnalyzerRegionDemoGenerator,
  ec2InstanceDemoGenerator,
  ec2SecurityGroupDemoGenerator,
  eksClusterDemoGenerator,
  eksNodegroupDemoGenerator,
  ecsTaskDefinitionDemoGenerator,
  bottlerocketNodeReportDemoGenerator,
];
