import assert from 'node:assert/strict';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SEVERITIES } from '../common/severity.js';
import { isPolicyFile, listYamlFiles } from '../policies/policy-loader.js';
import { BUILTIN_POLICY_DIR } from '../policies/registries.js';
import { runVigil, tempDir } from '../testing/cli-harness.js';

describe('vigil policies list', () => {
  it('--format json lists every built-in policy with id, title, resource, severity, frameworks, enforce and risk', async () => {
    const r = await runVigil(['policies', 'list', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    const files = await listYamlFiles(BUILTIN_POLICY_DIR, isPolicyFile);
    assert.ok(files.length > 0 && (await readdir(BUILTIN_POLICY_DIR)).length > 0);
    assert.ok(rows.length >= files.length, `${rows.length} policies from ${files.length} files`);
    assert.deepEqual(rows.map((p) => p.id), [...rows.map((p) => p.id as string)].sort((a, b) => a.localeCompare(b)), 'sorted by id');
    assert.equal(new Set(rows.map((p) => p.id)).size, rows.length, 'ids are unique');
    for (const p of rows) {
      assert.match(String(p.id), /^[a-z0-9][a-z0-9-]*$/);
      assert.ok(typeof p.title === 'string' && p.title.length > 5, `${p.id} has a title`);
      assert.ok(typeof p.resource === 'string' || Array.isArray(p.resource), `${p.id} names its resource type`);
      assert.ok(SEVERITIES.includes(p.severity as never), `${p.id} severity`);
      assert.ok(p.frameworks && typeof p.frameworks === 'object' && Object.keys(p.frameworks).length > 0, `${p.id} maps to frameworks`);
      assert.ok('enforce' in p && 'risk' in p, `${p.id} says its action and risk`);
      assert.equal(p.builtin, true);
    }
    const versioning = rows.find((p) => p.id === 's3-versioning');
    assert.deepEqual(
      { resource: versioning?.resource, severity: versioning?.severity, enforce: versioning?.enforce, risk: versioning?.risk },
      { resource: 'aws.s3.bucket', severity: 'low', enforce: 's3.enable-versioning', risk: 'safe' },
    );
  });

  it('shows a disabled control with its reason, from vigil.config.yaml', async () => {
    const d = await tempDir('vigil-policies-');
    try {
      await writeFile(join(d.path, 'vigil.config.yaml'), 'controls:\n  s3-versioning:\n    enabled: false\n    reason: buckets are immutable archives\n');
      const r = await runVigil(['policies', 'list', '--format', 'json'], { cwd: d.path });
      assert.equal(r.code, 0, r.stderr);
      const p = (JSON.parse(r.stdout) as Record<string, unknown>[]).find((x) => x.id === 's3-versioning');
      assert.equal(p?.enabled, false);
      assert.equal(p?.disabledReason, 'buckets are immutable archives');
      const table = await runVigil(['policies', 'list'], { cwd: d.path });
      assert.match(table.stdout, /s3-versioning \(disabled\)/);
      assert.match(table.stdout, /^\d+ policies \(\d+ built-in, 0 custom\)$/m);
    } finally {
      await d.cleanup();
    }
  });
});
