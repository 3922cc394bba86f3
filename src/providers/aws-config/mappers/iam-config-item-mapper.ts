import { ConfigItemError, asList, defined, isRecord, pascalDeep, policyDocument, tagList, type ConfigItemMapper } from '../config-item-mapper.js';
import type { ConfigurationItem } from '../configuration-item.js';

/** Inline policies `[{policyName, policyDocument}]` as the API's `[{PolicyName, PolicyDocument}]`, documents parsed. */
const inlinePolicies = (list: unknown, field: string): Record<string, unknown>[] =>
  asList(list).map((p, i) => {
    if (!isRecord(p)) throw new ConfigItemError(`configuration.${field}[${i}] is not an object`);
    return defined({ PolicyName: p.policyName, PolicyDocument: policyDocument(p.policyDocument, `configuration.${field}[${i}].policyDocument`) });
  });

const attached = (list: unknown): unknown[] => asList(list).map((p) => (isRecord(p) ? defined({ PolicyName: p.policyName, PolicyArn: p.policyArn }) : p));

const tags = (item: ConfigurationItem) => (Object.keys(item.tags).length ? tagList(item.tags) : asList(item.configuration.tags).map((t) => pascalDeep(t)));

const iamRole: ConfigItemMapper = {
  configType: 'AWS::IAM::Role',
  type: 'aws.iam.role',
  toConfig: (item) => {
    const c = item.configuration;
    return defined({
      Path: c.path,
      RoleName: c.roleName ?? item.resourceName,
      RoleId: c.roleId ?? item.resourceId,
      Arn: c.arn ?? item.arn,
      CreateDate: c.createDate,
      AssumeRolePolicyDocument: policyDocument(c.assumeRolePolicyDocument, 'configuration.assumeRolePolicyDocument'),
      RolePolicyList: inlinePolicies(c.rolePolicyList, 'rolePolicyList'),
      AttachedManagedPolicies: attached(c.attachedManagedPolicies),
      PermissionsBoundary: c.permissionsBoundary ? pascalDeep(c.permissionsBoundary) : undefined,
      RoleLastUsed: c.roleLastUsed ? pascalDeep(c.roleLastUsed) : undefined,
      Tags: tags(item),
    });
  },
};

const iamPolicy: ConfigItemMapper = {
  configType: 'AWS::IAM::Policy',
  type: 'aws.iam.policy',
  // GetPolicyVersion of the default version is what the live collector reads; Config lists every version.
  toConfig: (item) => {
    const c = item.configuration;
    const versions = asList(c.policyVersionList).filter(isRecord);
    const def = versions.find((v) => v.isDefaultVersion === true) ?? versions.find((v) => v.versionId === c.defaultVersionId);
    return defined({
      PolicyName: c.policyName ?? item.resourceName,
      PolicyId: c.policyId ?? item.resourceId,
      Arn: c.arn ?? item.arn,
      Path: c.path,
      DefaultVersionId: c.defaultVersionId,
      AttachmentCount: c.attachmentCount,
      PermissionsBoundaryUsageCount: c.permissionsBoundaryUsageCount,
      IsAttachable: c.isAttachable,
      Description: c.description,
      CreateDate: c.createDate,
      UpdateDate: c.updateDate,
      PolicyVersion: def
        ? defined({ VersionId: def.versionId, IsDefaultVersion: true, CreateDate: def.createDate, Document: policyDocument(def.document, 'configuration.policyVersionList[].document') })
        : undefined,
      Tags: tags(item),
    });
  },
};

/**
 * IAM: roles and customer managed policies, with their policy documents decoded. Users are not mapped:
 * Config records no credential report, access keys, MFA devices or sign-in activity, so a user from Config
 * would look defunct (never used) to iam-defunct-user; the live source reads them.
 */
export const iamConfigItemMappers: ConfigItemMapper[] = [iamRole, iamPolicy];
