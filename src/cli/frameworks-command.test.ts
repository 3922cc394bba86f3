import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runVigil, tempDir } from '../testing/cli-harness.js';

const dir = await tempDir();
after(() => dir.cleanup());

test('frameworks lists only the organisation frameworks in scope when the config names them', async () => {
  const config = join(dir.path, 'scoped.yaml');
  await writeFile(config, 'organization: { frameworks: [dora, cis-aws@6.0] }\n');
  const r = await runVigil(['frameworks', '--format', 'json', '--config', config, '--db', join(dir.path, 'none.db')], { cwd: dir.path });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual((JSON.parse(r.stdout) as { id: string }[]).map((f) => f.id), ['dora', 'cis-aws@6.0']);
});

test('an unknown framework in scope is a configuration error naming the known ones', async () => {
  const config = join(dir.path, 'bad.yaml');
  await writeFile(config, 'organization: { frameworks: [cis-aws@9.9] }\n');
  const r = await runVigil(['frameworks', '--config', config, '--db', join(dir.path, 'none.db')], { cwd: dir.path });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /organization\.frameworks: unknown framework cis-aws@9\.9; known: dora/);
});

test('without a framework scope every framework is listed', async () => {
  const r = await runVigil(['frameworks', '--format', 'json', '--db', join(dir.path, 'none.db')], { cwd: dir.path });
  assert.equal(r.code, 0, r.stderr);
  assert.ok((JSON.parse(r.stdout) as unknown[]).length >= 10);
});
