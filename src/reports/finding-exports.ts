import type { LoadedPolicy } from '../policies/policy.js';
import type { Violation } from '../violations/violation.js';

/** Who produced the findings: names the product in OCSF metadata and the ASFF ProductArn. */
export interface FindingExportContext {
  /** Vigil's version (package.json). */
  version: string;
  /** When the export was made (ISO). */
  now: string;
  /** The Security Hub account and Region the findings are imported into (ASFF ProductArn). */
  hubAccountId?: string;
  hubRegion?: string;
}

// OCSF 1.2.0 severity_id: 1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical.
const OCSF_SEVERITY = { info: 1, low: 2, medium: 3, high: 4, critical: 5 } as const;
const ASFF_SEVERITY = { info: 'INFORMATIONAL', low: 'LOW', medium: 'MEDIUM', high: 'HIGH', critical: 'CRITICAL' } as const;
const standards = (p: LoadedPolicy | undefined): string[] => Object.keys(p?.frameworks ?? {}).sort();
const requirements = (p: LoadedPolicy | undefined): string[] =>
  Object.entries(p?.frameworks ?? {}).flatMap(([fw, refs]) => (Array.isArray(refs) ? refs : [refs]).map((r) => `${fw}:${r}`)).sort();
const live = (v: Violation): boolean => v.resolvedAt === null;
const evidenceText = (v: Violation): string => v.evidence.map((e) => `${e.path}: expected ${e.expected}, actual ${JSON.stringify(e.actual)}`).join('; ');

/**
 * A violation as an OCSF 1.2 Compliance Finding (class_uid 2003, category Findings): the required
 * attributes (activity, class, category, type, time, severity_id, metadata.product/version,
 * finding_info.uid/title, compliance.standards) plus the resource, the control and its evidence.
 *
 * @example toOcsfComplianceFinding(v, policy, { version: '0.1.0', now }).class_uid // 2003
 */
export const toOcsfComplianceFinding = (v: Violation, policy: LoadedPolicy | undefined, ctx: FindingExportContext): Record<string, unknown> => {
  const activityId = live(v) ? (v.firstSeenAt === v.lastSeenAt ? 1 : 2) : 3; // Create, Update, Close
  return {
    activity_id: activityId,
    activity_name: ['', 'Create', 'Update', 'Close'][activityId],
    category_uid: 2,
    category_name: 'Findings',
    class_uid: 2003,
    class_name: 'Compliance Finding',
    type_uid: 2003 * 100 + activityId,
    time: Date.parse(v.lastSeenAt),
    severity_id: OCSF_SEVERITY[v.severity],
    severity: v.severity === 'info' ? 'Informational' : v.severity[0]!.toUpperCase() + v.severity.slice(1),
    status_id: live(v) ? 1 : 4, // New / Resolved
    message: `${policy?.title ?? v.policyId}: ${v.resourceArn}`,
    metadata: { version: '1.2.0', product: { name: 'Vigil', vendor_name: 'Vigil', version: ctx.version }, logged_time: Date.parse(ctx.now) },
    finding_info: {
      uid: v.id,
      title: policy?.title ?? v.policyId,
      desc: policy?.remediation.guidance ?? '',
      first_seen_time: Date.parse(v.firstSeenAt),
      last_seen_time: Date.parse(v.lastSeenAt),
      types: ['Compliance'],
    },
    compliance: {
      standards: standards(policy).length ? standards(policy) : ['vigil'],
      requirements: requirements(policy),
      control: v.policyId,
      status: live(v) ? 'Fail' : 'Pass',
      status_id: live(v) ? 3 : 1,
      status_detail: evidenceText(v),
    },
    cloud: { provider: 'AWS', account: { uid: v.accountId }, region: v.region },
    resources: [{ uid: v.resourceArn, type: v.resourceType, region: v.region, ...(v.owner ? { owner: { name: v.owner } } : {}) }],
    remediation: { desc: policy?.remediation.guidance ?? '' },
  };
};

/**
 * A violation as an AWS Security Finding Format finding, ready for Security Hub's BatchImportFindings
 * (at most 100 per call): every required top-level attribute, Compliance.Status FAILED/PASSED, and
 * the resource. ProductArn is the hub account's own "default" product, as custom integrations use.
 *
 * @example toAsffFinding(v, policy, { version: '0.1.0', now, hubAccountId: '111122223333', hubRegion: 'eu-west-1' }).SchemaVersion // '2018-10-08'
 */
export const toAsffFinding = (v: Violation, policy: LoadedPolicy | undefined, ctx: FindingExportContext): Record<string, unknown> => {
  const account = ctx.hubAccountId ?? v.accountId;
  const region = ctx.hubRegion ?? (v.region === 'global' ? 'us-east-1' : v.region);
  return {
    SchemaVersion: '2018-10-08',
    Id: `vigil/${v.id}`,
    ProductArn: `arn:aws:securityhub:${region}:${account}:product/${account}/default`,
    GeneratorId: `vigil/${v.policyId}`,
    AwsAccountId: v.accountId,
    Types: ['Software and Configuration Checks/Industry and Regulatory Standards'],
    CreatedAt: v.firstSeenAt,
    UpdatedAt: v.lastSeenAt,
    Severity: { Label: ASFF_SEVERITY[v.severity] },
    Title: (policy?.title ?? v.policyId).slice(0, 256),
    Description: `${policy?.title ?? v.policyId} — ${evidenceText(v)}`.slice(0, 1024),
    Remediation: { Recommendation: { Text: (policy?.remediation.guidance ?? '').slice(0, 512) } },
    ProductFields: { 'vigil/policyId': v.policyId, 'vigil/state': v.state },
    Resources: [{ Type: asffResourceType(v.resourceType), Id: v.resourceArn, Region: v.region === 'global' ? region : v.region, Partition: 'aws' }],
    Compliance: { Status: live(v) ? 'FAILED' : 'PASSED', RelatedRequirements: requirements(policy).slice(0, 32) },
    RecordState: live(v) ? 'ACTIVE' : 'ARCHIVED',
    Workflow: { Status: live(v) ? 'NEW' : 'RESOLVED' },
  };
};

/** `aws.s3.bucket` → `AwsS3Bucket` (Security Hub's resource type naming); `Other` when not AWS. */
const asffResourceType = (t: string): string => {
  const parts = t.split('.');
  if (parts[0] !== 'aws') return 'Other';
  return parts.map((p) => p.split(/[-_]/).map((s) => s[0]!.toUpperCase() + s.slice(1)).join('')).join('');
};

/** The columns of the flat finding export (CSV, and the keys of the JSON rows), in order. */
export const FINDING_COLUMNS = [
  'id', 'policy_id', 'title', 'severity', 'state', 'resource_arn', 'resource_type', 'account_id', 'region', 'owner',
  'first_seen_at', 'last_seen_at', 'resolved_at', 'requirements', 'evidence',
] as const;

/**
 * A violation as one flat row for spreadsheets and scripts (`export-findings --format csv|json`):
 * requirements as `framework:ref` joined by `;`, evidence as one readable text.
 * @example toFindingRow(v, policy).requirements // 'dora:Art. 9;iso27001@2022:A.8.3'
 */
export const toFindingRow = (v: Violation, policy: LoadedPolicy | undefined): Record<(typeof FINDING_COLUMNS)[number], string | null> => ({
  id: v.id,
  policy_id: v.policyId,
  title: policy?.title ?? v.policyId,
  severity: v.severity,
  state: v.state,
  resource_arn: v.resourceArn,
  resource_type: v.resourceType,
  account_id: v.accountId,
  region: v.region,
  owner: v.owner,
  first_seen_at: v.firstSeenAt,
  last_seen_at: v.lastSeenAt,
  resolved_at: v.resolvedAt,
  requirements: requirements(policy).join(';'),
  evidence: evidenceText(v),
});
