import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadPolicySet } from '../composition-root.js';
import { loadConfig } from '../config/config-loader.js';
import { DiagnosticsError } from '../common/vigil-error.js';

const policy = (params: string) => `id: bucket-owner-tag
title: Buckets carry an owner tag
resource: aws.s3.bucket
severity: low
where:
  tags.owner: { exists: false }
remediation:
  guidance: Tag the bucket with its owning team.
  remind: { times: 1, every: 1d }
  enforce: tag.set
${params}`;

const load = async (yaml: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-params-'));
  try {
    writeFileSync(join(dir, 'owner.yaml'), yaml);
    const config = await loadConfig({ env: {}, flags: { store: { url: ':memory:' }, policies: { builtin: false, dirs: [dir] } } });
    return await loadPolicySet(config);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

test('a policy carries params for its enforce action, checked against the action schema at load', async () => {
  const set = await load(policy('  params: { tags: { owner: unassigned } }\n'));
  assert.deepEqual(set.policies[0]?.remediation.params, { tags: { owner: 'unassigned' } });
});

test('params that do not fit the action schema fail the load with the file, line and field', async () => {
  const err = await load(policy('  params: { tags: "owner=unassigned", colour: blue }\n')).catch((e: unknown) => e);
  assert.ok(err instanceof DiagnosticsError, String(err));
  const lines = err.diagnostics.map((d) => `${d.file}:${d.line} ${d.message}`);
  assert.ok(lines.some((l) => /owner\.yaml:1 bucket-owner-tag: remediation\.params\.tags: .*\(params of tag\.set\)/.test(l)), lines.join('\n'));
  assert.ok(lines.some((l) => /remediation\.params\.colour/.test(l) || /remediation\.params: .*(colour|additional|Unexpected)/i.test(l)), lines.join('\n'));
});

test('tag.set without its tags fails the load: the required field is named', async () => {
  const err = await load(policy('  params: {}\n')).catch((e: unknown) => e);
  assert.ok(err instanceof DiagnosticsError);
  assert.ok(err.diagnostics.some((d) => /remediation\.params(\.tags)?: .*(tags|Required)/i.test(d.message)), err.diagnostics.map((d) => d.message).join('\n'));
});

test('params without an enforce action are refused', async () => {
  const err = await load(policy('  params: { tags: { owner: x } }\n').replace('  enforce: tag.set\n', '')).catch((e: unknown) => e);
  assert.ok(err instanceof DiagnosticsError);
  assert.ok(err.diagnostics.some((d) => /params without an enforce action/.test(d.message)));
});
