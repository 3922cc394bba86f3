// `vigil start` as a user runs it: the built bin/vigil.js in its own process, over dist/ (so the
// compiled worker-thread scan path runs, not tsx's), killed with SIGTERM like Ctrl+C.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { tempDir } from '../testing/cli-harness.js';
import { builtCliProblem, startBuiltCli } from '../testing/built-cli.js';
import { skipOrFail } from '../testing/skip-or-fail.js';

const getJson = async (url: string) => {
  const res = await fetch(url);
  assert.equal(res.status, 200, `${url} answered ${res.status}`);
  return res.json() as Promise<Record<string, any>>;
};

describe('vigil start (built CLI)', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  before(async () => (dir = await tempDir('vigil-start-')));
  after(() => dir?.cleanup());

  it('scans the demo estate, prints the summary, serves the dashboard and API, and stops on SIGTERM', async (t) => {
    const problem = builtCliProblem();
    if (problem) return skipOrFail(t, problem);
    const db = join(dir.path, 'start.db');
    const cli = startBuiltCli(['start', '--port', '0', '--host', '127.0.0.1', '--db', db, '--size', '400'], { cwd: dir.path });
    try {
      const [, url] = await cli.waitFor(/Vigil is running: dashboard and API at (http:\/\/127\.0\.0\.1:\d+)/);
      assert.match(cli.stdout(), /Scanned \d[\d,]* resources from demo against \d+ policies/);
      assert.match(cli.stdout(), /Violations: \d[\d,]* live/);
      // The manager runs at once: the demo's owners are reminded, their digests delivered as files, none dead.
      const [, digests, delivered] = await cli.waitFor(/manager: \S+ {2}reminded [1-9]\d*, .*digests (\d+); delivered (\d+), retrying 0, dead 0/);
      assert.equal(delivered, digests);
      assert.ok(existsSync(join(dir.path, 'outbox', 'payments')), 'the payments team has its digest under outbox/ beside the store');
      const summary = await getJson(`${url}/api/summary`);
      assert.ok(summary.violations.total > 0, 'the demo estate has violations');
      const scans = await getJson(`${url}/api/scans`);
      assert.equal(scans.items.length, 1);
      assert.equal(scans.items[0].status, 'finished');
      const page = await fetch(`${url}/`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<html/i);
      assert.ok(existsSync(db), 'the store file is where --db says');
      cli.child.kill('SIGTERM');
      assert.equal(await cli.exited, 0, cli.stderr());
      await assert.rejects(fetch(`${url}/api/summary`), 'the server is gone after SIGTERM');
    } finally {
      cli.child.kill('SIGKILL');
    }
  });

  it('--no-scan serves what the store holds without scanning again', async (t) => {
    const problem = builtCliProblem();
    if (problem) return skipOrFail(t, problem);
    const db = join(dir.path, 'start.db');
    if (!existsSync(db)) return skipOrFail(t, 'needs the store the previous test wrote');
    const cli = startBuiltCli(['start', '--no-scan', '--port', '0', '--db', db], { cwd: dir.path });
    try {
      const [, url] = await cli.waitFor(/Vigil is running: dashboard and API at (http:\/\/127\.0\.0\.1:\d+)/);
      assert.doesNotMatch(cli.stdout(), /Scanned/);
      assert.equal((await getJson(`${url}/api/scans`)).items.length, 1, 'no second scan');
      assert.ok((await getJson(`${url}/api/summary`)).violations.total > 0, 'the stored violations are served');
      cli.child.kill('SIGTERM');
      assert.equal(await cli.exited, 0, cli.stderr());
    } finally {
      cli.child.kill('SIGKILL');
    }
  });

  it('takes the listen address from VIGIL_HOST and VIGIL_PORT', async (t) => {
    const problem = builtCliProblem();
    if (problem) return skipOrFail(t, problem);
    const cli = startBuiltCli(['start', '--no-scan', '--db', join(dir.path, 'env.db')], { cwd: dir.path, env: { VIGIL_HOST: '127.0.0.2', VIGIL_PORT: '0' } });
    try {
      const [, url] = await cli.waitFor(/Vigil is running: dashboard and API at (http:\/\/127\.0\.0\.2:\d+)/);
      assert.equal((await getJson(`${url}/api/scans`)).items.length, 0);
      cli.child.kill('SIGTERM');
      assert.equal(await cli.exited, 0, cli.stderr());
    } finally {
      cli.child.kill('SIGKILL');
    }
  });
});
