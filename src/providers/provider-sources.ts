/**
 * The inventory sources Vigil can scan, one entry per provider that exists. The config schema accepts
 * `scan.source` only in these forms, so a source is accepted exactly when a provider implements it;
 * a new provider (aws, aws-config) adds its line here and its branch in provider-factory.ts.
 *
 * @example
 * new RegExp(SOURCE_PATTERN).test('file:inventory.jsonl'); // true
 * SOURCE_FORMS; // 'demo or file:<path>'
 */
export const PROVIDER_SOURCES = [
  { form: 'demo', pattern: 'demo', example: 'demo' },
  { form: 'file:<path>', pattern: 'file:.+', example: 'file:inventory.jsonl' },
  { form: 'aws-config:<dir|file|s3://bucket/prefix>', pattern: 'aws-config:.+', example: 'aws-config:s3://org-config/AWSLogs/' },
  { form: 'bottlerocket-reports:<dir|s3://bucket/prefix>', pattern: 'bottlerocket-reports:.+', example: 'bottlerocket-reports:s3://org-reports/bottlerocket-reports/' },
] as const;

/** What `scan.source` may be, as an anchored regular expression. */
export const SOURCE_PATTERN = `^(${PROVIDER_SOURCES.map((s) => s.pattern).join('|')})$`;

/** The accepted forms in words, for messages: `demo or file:<path>`. */
export const SOURCE_FORMS = PROVIDER_SOURCES.map((s) => s.form).join(' or ');
