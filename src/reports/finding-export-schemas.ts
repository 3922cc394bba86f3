// JSON Schemas for the subset of the two finding formats Vigil exports, used by the tests to validate
// every exported finding. Each names its source; neither is the full published schema.

/**
 * OCSF 1.2.0 Compliance Finding (class_uid 2003). Required attributes as the schema at
 * github.com/ocsf/ocsf-schema tag v1.2.0 declares them: events/base_event.json (metadata, severity_id)
 * with includes/classification.json (activity_id, category_uid, class_uid, type_uid) and
 * includes/occurrence.json (time); events/findings/finding.json (finding_info, activity_id enum 1–3);
 * events/findings/compliance_finding.json (uid 3 in category 2 → 2003; compliance); objects/metadata.json
 * (product, version); objects/product.json (vendor_name); objects/finding_info.json (title, uid);
 * objects/compliance.json (standards); profiles/cloud.json (cloud) with objects/cloud.json (provider).
 */
export const OCSF_COMPLIANCE_FINDING_SCHEMA = {
  type: 'object',
  required: ['activity_id', 'category_uid', 'class_uid', 'type_uid', 'time', 'severity_id', 'metadata', 'finding_info', 'compliance'],
  properties: {
    activity_id: { enum: [1, 2, 3] },
    category_uid: { const: 2 },
    class_uid: { const: 2003 },
    type_uid: { enum: [200301, 200302, 200303] },
    time: { type: 'integer', minimum: 0 },
    severity_id: { enum: [0, 1, 2, 3, 4, 5, 6, 99] },
    status_id: { enum: [0, 1, 2, 3, 4, 5, 6, 99] },
    metadata: {
      type: 'object',
      required: ['product', 'version'],
      properties: { version: { type: 'string', pattern: '^1\\.' }, product: { type: 'object', required: ['vendor_name'], properties: { vendor_name: { type: 'string', minLength: 1 } } } },
    },
    finding_info: { type: 'object', required: ['title', 'uid'], properties: { title: { type: 'string', minLength: 1 }, uid: { type: 'string', minLength: 1 } } },
    compliance: { type: 'object', required: ['standards'], properties: { standards: { type: 'array', items: { type: 'string' }, minItems: 1 }, status_id: { enum: [0, 1, 2, 3, 99] } } },
    cloud: { type: 'object', required: ['provider'] },
    resources: { type: 'array', items: { type: 'object', properties: { uid: { type: 'string' } } } },
  },
} as const;

/**
 * AWS Security Finding Format, what BatchImportFindings accepts. Required top-level attributes from the
 * Security Hub User Guide, "Required top-level ASFF attributes"
 * (https://docs.aws.amazon.com/securityhub/latest/userguide/asff-required-attributes.html): AwsAccountId,
 * CreatedAt, Description, GeneratorId, Id, ProductArn, Resources (each with Type and Id), SchemaVersion,
 * Severity, Title, Types, UpdatedAt. Enumerations (Severity.Label, Compliance.Status, RecordState,
 * Workflow.Status) and length limits from the same guide and the AwsSecurityFinding API reference.
 */
export const ASFF_FINDING_SCHEMA = {
  type: 'object',
  required: ['AwsAccountId', 'CreatedAt', 'Description', 'GeneratorId', 'Id', 'ProductArn', 'Resources', 'SchemaVersion', 'Severity', 'Title', 'Types', 'UpdatedAt'],
  properties: {
    SchemaVersion: { const: '2018-10-08' },
    AwsAccountId: { type: 'string', pattern: '^\\d{12}$' },
    Id: { type: 'string', minLength: 1, maxLength: 512 },
    ProductArn: { type: 'string', pattern: '^arn:aws:securityhub:[a-z0-9-]+:\\d{12}:product/\\d{12}/default$' },
    GeneratorId: { type: 'string', minLength: 1, maxLength: 512 },
    CreatedAt: { type: 'string', format: 'date-time' },
    UpdatedAt: { type: 'string', format: 'date-time' },
    Title: { type: 'string', minLength: 1, maxLength: 256 },
    Description: { type: 'string', minLength: 1, maxLength: 1024 },
    Types: { type: 'array', minItems: 1, maxItems: 50, items: { type: 'string', pattern: '^(Software and Configuration Checks|TTPs|Effects|Unusual Behaviors|Sensitive Data Identifications)(/.+)?$' } },
    Severity: { type: 'object', required: ['Label'], properties: { Label: { enum: ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] } } },
    Resources: { type: 'array', minItems: 1, maxItems: 32, items: { type: 'object', required: ['Type', 'Id'], properties: { Type: { type: 'string', pattern: '^[A-Za-z0-9]+$' }, Id: { type: 'string', minLength: 1 } } } },
    Compliance: { type: 'object', properties: { Status: { enum: ['PASSED', 'WARNING', 'FAILED', 'NOT_AVAILABLE'] }, RelatedRequirements: { type: 'array', maxItems: 32 } } },
    RecordState: { enum: ['ACTIVE', 'ARCHIVED'] },
    Workflow: { type: 'object', properties: { Status: { enum: ['NEW', 'NOTIFIED', 'RESOLVED', 'SUPPRESSED'] } } },
  },
} as const;
