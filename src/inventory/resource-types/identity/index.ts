import type { ResourceTypeDefinition } from '../../resource-type.js';
import { accessAnalyzerRegionResourceType } from './access-analyzer-region-resource-type.js';
import { bottlerocketNodeReportResourceType } from './bottlerocket-node-report-resource-type.js';
import { ec2InstanceResourceType } from './ec2-instance-resource-type.js';
import { ec2SecurityGroupResourceType } from './ec2-security-group-resource-type.js';
import { ecsTaskDefinitionResourceType } from './ecs-task-definition-resource-type.js';
import { eksClusterResourceType } from './eks-cluster-resource-type.js';
import { eksNodegroupResourceType } from './eks-nodegroup-resource-type.js';
import { iamAccountResourceType } from './iam-account-resource-type.js';
import { iamPolicyResourceType } from './iam-policy-resource-type.js';
import { iamRoleResourceType } from './iam-role-resource-type.js';
import { iamUserResourceType } from './iam-user-resource-type.js';

/** Resource types of the identity area; one line per type. */
export const identityResourceTypes: ResourceTypeDefinition[] = [
  iamUserResourceType,
  iamRoleResourceType,
  iamPolicyResourceType,
  iamAccountResourceType,
  accessAnalyzerRegionResourceType,
  ec2InstanceResourceType,
  ec2SecurityGroupResourceType,
  eksClusterResourceType,
  eksNodegroupResourceType,
  ecsTaskDefinitionResourceType,
  bottlerocketNodeReportResourceType,
];
