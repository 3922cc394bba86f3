import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DiagnosticsError, formatDiagnostic } from '../common/vigil-error.js';
import { tempDir } from '../testing/cli-harness.js';
import { loadConfig } from './config-loader.js';
import { demoTeams } from './demo-teams.js';
import { DEFAULT_CONFIG } from './vigil-config.js';

let dir: string;
let cleanup: () => Promise<void>;
before(async () => {
  ({ path: dir, cleanup } = await tempDir('vigil-config-'));
});
after(() => cleanup());

const writeConfig = async (text: string, name = 'vigil.config.yaml'): Promise<void> => writeFile(join(dir, name), text);

/** The diagnostics a bad configuration produces, formatted as a person sees them. */
const problems = async (opts: Parameters<typeof loadConfig>[0]): Promise<string[]> => {
  try {
    await loadConfig(opts);
  } catch (e) {
    assert.ok(e instanceof DiagnosticsError, `expected DiagnosticsError, got ${String(e)}`);
    return e.diagnostics.map(formatDiagnostic);
  }
  assert.fail('the configuration was accepted');
};

describe('loadConfig', () => {
  it('without a file or environment gives the documented defaults', async () => {
    const empty = (await tempDir('vigil-config-empty-'));
    try {
      const c = await loadConfig({ env: {}, cwd: empty.path });
      // The default source is the demo estate, which (with no teams: anywhere) brings its own teams.
      assert.deepEqual(c, { ...DEFAULT_CONFIG, owners: { ...DEFAULT_CONFIG.owners, securityTeam: 'security' }, teams: demoTeams() });
      assert.equal(c.store.url, './.vigil/vigil.db');
      assert.equal(c.server.port, 8080);
      assert.equal(c.scan.source, 'demo');
    } finally {
      await empty.cleanup();
    }
  });

  it('layers defaults < file < environment < flags', async () => {
    await writeConfig('store:\n  url: from-file.db\nserver:\n  port: 9000\n  host: 0.0.0.0\ndemo:\n  size: 50\n');
    const fileOnly = await loadConfig({ env: {}, cwd: dir });
    assert.equal(fileOnly.store.url, 'from-file.db');
    assert.equal(fileOnly.server.port, 9000);
    assert.equal(fileOnly.server.host, '0.0.0.0');
    assert.equal(fileOnly.demo.size, 50);
    assert.equal(fileOnly.demo.seed, 42, 'settings the file leaves out keep their defaults');

    const env = { VIGIL_DB: 'from-env.db', VIGIL_PORT: '9100' };
    const withEnv = await loadConfig({ env, cwd: dir });
    assert.equal(withEnv.store.url, 'from-env.db');
    assert.equal(withEnv.server.port, 9100, 'VIGIL_PORT is a number, not the string "9100"');
    assert.equal(withEnv.server.host, '0.0.0.0', 'the file still sets what the environment leaves alone');

    const withFlags = await loadConfig({ env, cwd: dir, flags: { store: { url: 'from-flag.db' } } });
    assert.equal(withFlags.store.url, 'from-flag.db');
    assert.equal(withFlags.server.port, 9100);
  });

  it('reads the file VIGIL_CONFIG names, and refuses one that does not exist', async () => {
    await writeConfig('server:\n  port: 7000\n', 'other.yaml');
    assert.equal((await loadConfig({ env: { VIGIL_CONFIG: 'other.yaml' }, cwd: dir })).server.port, 7000);
    const ds = await problems({ env: { VIGIL_CONFIG: 'missing.yaml' }, cwd: dir });
    assert.deepEqual(ds, ['missing.yaml:1:1  cannot read the configuration file']);
  });

  it('locates an out-of-range port at its line and column in the file', async () => {
    await writeConfig('store:\n  url: a.db\nserver:\n  host: 127.0.0.1\n  port: 99999\n');
    const ds = await problems({ env: {}, cwd: dir });
    assert.equal(ds.length, 1);
    assert.match(ds[0]!, /^vigil\.config\.yaml:5:3  server\.port: must be <= 65535$/);
  });

  it('locates an unknown key at the key itself', async () => {
    await writeConfig('server:\n  port: 8080\n  prot: 1\nstorage:\n  url: x\n');
    const ds = await problems({ env: {}, cwd: dir });
    assert.ok(ds.includes('vigil.config.yaml:3:3  server: must NOT have additional properties "prot"'), ds.join('\n'));
    assert.ok(ds.includes('vigil.config.yaml:4:1  config: must NOT have additional properties "storage"'), ds.join('\n'));
  });

  it('reports YAML syntax errors with their position', async () => {
    await writeConfig('server:\n  port: [8080\n');
    const ds = await problems({ env: {}, cwd: dir });
    assert.ok(ds.length >= 1);
    assert.match(ds[0]!, /^vigil\.config\.yaml:\d+:\d+  /);
  });

  it('names the environment variable when its value is wrong, not a line of the file', async () => {
    await writeConfig('server:\n  port: 8080\n');
    const ds = await problems({ env: { VIGIL_PORT: 'abc' }, cwd: dir });
    assert.equal(ds.length, 1);
    assert.match(ds[0]!, /^server\.port: must be integer \(from VIGIL_PORT\)$/);
  });

  it('does not point into the file when the bad value came from a flag', async () => {
    await writeConfig('scan:\n  source: demo\n');
    const ds = await problems({ env: {}, cwd: dir, flags: { scan: { source: 'nope' } } });
    assert.deepEqual(ds, ['scan.source: must be demo or file:<path> or aws or aws-config:<dir|file|s3://bucket/prefix> or bottlerocket-reports:<dir|s3://bucket/prefix>, found "nope" (from the command line)']);
  });

  it('refuses a disabled control without a reason, at the control', async () => {
    await writeConfig('controls:\n  s3-versioning:\n    enabled: false\n');
    assert.deepEqual(await problems({ env: {}, cwd: dir }), ['vigil.config.yaml:2:3  controls.s3-versioning: a disabled control needs a reason (it is shown in reports)']);
    await writeConfig('controls:\n  s3-versioning:\n    enabled: false\n    reason: scratch account only, accepted by risk board\n');
    const c = await loadConfig({ env: {}, cwd: dir });
    assert.equal(c.controls['s3-versioning']?.enabled, false);
  });

  it('returns a frozen configuration, nested sections included', async () => {
    await writeConfig('owners:\n  accounts:\n    "123456789012": payments\n');
    const c = await loadConfig({ env: {}, cwd: dir });
    assert.ok(Object.isFrozen(c));
    assert.ok(Object.isFrozen(c.server));
    assert.ok(Object.isFrozen(c.owners.accounts));
    assert.throws(() => {
      (c.server as { port: number }).port = 1;
    }, TypeError);
    assert.equal(DEFAULT_CONFIG.server.port, 8080, 'freezing the result leaves the defaults untouched');
    assert.ok(!Object.isFrozen(DEFAULT_CONFIG.server));
  });

  it('refuses every mutation of the loaded configuration, in lists and per-control settings too', async () => {
    await writeConfig('policies:\n  dirs: [./ours]\ncontrols:\n  log-group-retention:\n    overrides:\n      - ous: [root/sandbox]\n        parameters: { minRetentionDays: 30 }\n');
    const c = await loadConfig({ env: {}, cwd: dir });
    const attempts: [string, () => void][] = [
      ['push onto policies.dirs', () => (c.policies.dirs as string[]).push('./theirs')],
      ['replace owners.tagKeys[0]', () => ((c.owners.tagKeys as string[])[0] = 'x')],
      ['set scan.batchSize', () => ((c.scan as { batchSize: number }).batchSize = 5)],
      ['add a control', () => ((c.controls as Record<string, object>)['s3-versioning'] = {})],
      ['change an override parameter', () => ((c.controls['log-group-retention']!.overrides![0]!.parameters as Record<string, unknown>).minRetentionDays = 1)],
      ['add a section', () => ((c as unknown as Record<string, unknown>).extra = 1)],
    ];
    for (const [what, attempt] of attempts) assert.throws(attempt, TypeError, what);
    assert.deepEqual(c.policies.dirs, ['./ours']);
    assert.equal(c.scan.batchSize, DEFAULT_CONFIG.scan.batchSize);
  });
});
