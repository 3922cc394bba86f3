// The checked-in schema/policy.schema.json is what editors (the YAML language server) complete and
// check policies with. These tests keep it equal to what the registries generate, and prove that an
// editor using it would accept every built-in policy and flag a typo'd operator.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { Ajv, type ValidateFunction } from 'ajv';
import { parseAllDocuments } from 'yaml';
import { POLICY_SCHEMA_FILE, policySchemaText } from '../cli/schema-command.js';
import { isPolicyFile, listYamlFiles } from './policy-loader.js';
import { BUILTIN_POLICY_DIR } from './registries.js';

const root = new URL('../../', import.meta.url).pathname;
const schemaPath = join(root, POLICY_SCHEMA_FILE);

/** The checked-in file, compiled the way an editor compiles it: plain draft-07 Ajv, nothing of Vigil's loader. */
const editorValidator = (): ValidateFunction => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  return ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);
};

const errorsOf = (validate: ValidateFunction, data: unknown): string[] =>
  validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);

/** A valid policy to vary: the smallest thing the schema must accept. */
const basePolicy = () => ({
  id: 's3-versioning',
  title: 'S3 buckets keep object versions',
  resource: 'aws.s3.bucket',
  severity: 'low',
  frameworks: { 'cis-aws@4.0': '2.1.2' },
  where: { 'Versioning.Status': { ne: 'Enabled' } },
  remediation: { guidance: 'Enable versioning on the bucket.' },
});

describe('schema/policy.schema.json', () => {
  it('is up to date with the registries (regenerate with `npx vigil schema`)', () => {
    const onDisk = readFileSync(schemaPath, 'utf8');
    assert.ok(onDisk === policySchemaText(), `${POLICY_SCHEMA_FILE} is stale: run \`npx tsx src/cli/main.ts schema\` and commit it`);
  });

  it('accepts every built-in policy file, as an editor would', async () => {
    const validate = editorValidator();
    const files = await listYamlFiles(BUILTIN_POLICY_DIR, isPolicyFile);
    assert.ok(files.length >= 50, `expected the built-in policies, found ${files.length} files`);
    const problems = files.flatMap((file) =>
      parseAllDocuments(readFileSync(file, 'utf8')).flatMap((doc) =>
        errorsOf(validate, doc.toJS()).map((e) => `${relative(root, file)}: ${e}`),
      ),
    );
    assert.deepEqual(problems, [], `${problems.length} schema error(s) in built-in policies:\n${problems.join('\n')}`);
  });

  it('accepts a minimal policy and a list of policies', () => {
    const validate = editorValidator();
    assert.deepEqual(errorsOf(validate, basePolicy()), []);
    assert.deepEqual(errorsOf(validate, [basePolicy(), { ...basePolicy(), id: 's3-versioning-2' }]), []);
  });

  it('rejects a policy using an unknown operator', () => {
    const validate = editorValidator();
    const bad = { ...basePolicy(), where: { 'Versioning.Status': { equals: 'Enabled' } } };
    assert.notDeepEqual(errorsOf(validate, bad), []);
    const nested = { ...basePolicy(), where: { any: [{ 'Versioning.Status': { ne: 'Enabled' } }, { MFADelete: { greater: 1 } }] } };
    assert.notDeepEqual(errorsOf(validate, nested), []);
  });

  it('rejects an unknown resource type, severity, named filter and top-level key', () => {
    const validate = editorValidator();
    for (const bad of [
      { ...basePolicy(), resource: 'aws.s3.buckett' },
      { ...basePolicy(), severity: 'urgent' },
      { ...basePolicy(), where: { filter: 'no-such-filter' } },
      { ...basePolicy(), remedation: { guidance: 'typo in the key' } },
    ]) {
      assert.notDeepEqual(errorsOf(validate, bad), [], JSON.stringify(bad));
    }
  });
});
