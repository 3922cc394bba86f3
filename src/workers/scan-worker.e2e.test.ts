// The compiled scan path as `vigil scan` and `npm start` run it: bin/vigil.js over dist/, where the
// scan worker is dist/workers/scan-worker.js (tests under tsx only ever start the .ts one).
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openStore } from '../store/open-store.js';
import { tempDir } from '../testing/cli-harness.js';
import { builtCliProblem, startBuiltCli } from '../testing/built-cli.js';
import { skipOrFail } from '../testing/skip-or-fail.js';

describe('vigil scan through dist/ (built CLI)', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  before(async () => (dir = await tempDir('vigil-dist-scan-')));
  after(() => dir?.cleanup());

  const scan = async (name: string, worker: boolean) => {
    const config = join(dir.path, `${name}.yaml`);
    await writeFile(config, `scan: { worker: ${worker} }\n`);
    const db = join(dir.path, `${name}.db`);
    const out = join(dir.path, `${name}.json`);
    const cli = startBuiltCli(['scan', '--size', '600', '--seed', '5', '--db', db, '--format', 'json', '--output', out], { cwd: dir.path, env: { VIGIL_CONFIG: config } });
    assert.equal(await cli.exited, 0, cli.stderr());
    const store = await openStore({ url: db });
    try {
      const [record] = await store.scans.list();
      return { stats: record!.stats, violations: JSON.parse(await readFile(out, 'utf8')) as { id: string }[] };
    } finally {
      await store.close();
    }
  };

  it('collects and evaluates on a worker thread when scan.worker is on, and finds what the in-thread scan finds', async (t) => {
    const problem = builtCliProblem();
    if (problem) return skipOrFail(t, problem);
    const threaded = await scan('threaded', true);
    const inline = await scan('inline', false);
    assert.ok(threaded.stats['producerThreadId']! > 0, `the worker scan was produced on thread ${threaded.stats['producerThreadId']}`);
    assert.equal(inline.stats['producerThreadId'], 0, 'scan.worker: false produces on the main thread');
    assert.ok(threaded.violations.length > 10, 'the demo estate fails some controls');
    assert.deepEqual(threaded.violations.map((v) => v.id).sort(), inline.violations.map((v) => v.id).sort());
    assert.equal(threaded.stats['resources'], inline.stats['resources']);
  });
});
