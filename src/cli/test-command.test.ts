import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runVigil, tempDir } from '../testing/cli-harness.js';

const POLICY = `id: team-bucket-versioning
title: Team buckets keep object versions
resource: aws.s3.bucket
severity: medium
where: { Versioning.Status: { ne: Enabled } }
remediation: { guidance: Turn versioning on. }
`;

const TESTS = `cases:
  - name: versioned bucket passes
    expect: pass
    resource: { config: { Name: a, Versioning: { Status: Enabled } } }
  - name: suspended bucket deliberately expected to pass
    expect: pass
    resource: { config: { Name: b, Versioning: { Status: Suspended } } }
`;

describe('vigil test', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  before(async () => {
    ({ path: dir, cleanup } = await tempDir('vigil-policy-test-'));
    await mkdir(join(dir, 'policies'));
    await writeFile(join(dir, 'policies', 'team-bucket-versioning.yaml'), POLICY);
    await writeFile(join(dir, 'policies', 'team-bucket-versioning.test.yaml'), TESTS);
  });
  after(() => cleanup());

  it('lists the failing case with file:line and why, ends with the tally, and exits 1', async () => {
    const r = await runVigil(['test', '--no-builtin', join(dir, 'policies')], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines[0], '✗ team-bucket-versioning › suspended bucket deliberately expected to pass');
    assert.match(lines[1]!, /^ {4}policies\/team-bucket-versioning\.test\.yaml:5  expected to pass, but it violates: Versioning\.Status expected = Enabled, found "Suspended"$/);
    assert.equal(lines.at(-1), '1 passed, 1 failed');
    assert.ok(!r.stdout.includes('versioned bucket passes'), 'passing cases are quiet without --verbose');
  });

  it('with --verbose lists the passing case too', async () => {
    const r = await runVigil(['test', '--no-builtin', '--verbose', join(dir, 'policies')], { cwd: dir });
    assert.ok(r.stdout.includes('✓ team-bucket-versioning › versioned bucket passes'));
  });

  it('exits 0 when every case holds', async () => {
    await mkdir(join(dir, 'fixed'));
    await writeFile(join(dir, 'fixed', 'team-bucket-versioning.yaml'), POLICY);
    await writeFile(join(dir, 'fixed', 'team-bucket-versioning.test.yaml'), TESTS.replace('deliberately expected to pass\n    expect: pass', 'fails\n    expect: fail'));
    const r = await runVigil(['test', '--no-builtin', join(dir, 'fixed')], { cwd: dir });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.stdout, '2 passed, 0 failed\n');
  });

  it('exits 2 with a located problem when a test file names no loaded policy', async () => {
    await mkdir(join(dir, 'orphan'));
    await writeFile(join(dir, 'orphan', 'missing.test.yaml'), 'policy: no-such-policy\ncases:\n  - { name: x, expect: pass, resource: { config: { Name: a } } }\n');
    const r = await runVigil(['test', '--no-builtin', join(dir, 'orphan')], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^orphan\/missing\.test\.yaml:1:1  policy: no policy "no-such-policy" is loaded$/m);
  });
});
