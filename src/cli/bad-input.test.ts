// What a new user hit on a fresh clone (issue: bad input never gets a stack trace): each case is one
// line starting `vigil:`, exit 2, no stack trace, and nothing written that the user did not ask for.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openStore } from '../store/open-store.js';
import { runVigil, tempDir } from '../testing/cli-harness.js';
import { listenGuard } from './listen-guard.js';

let dir: string;
let cleanup: () => Promise<void>;
before(async () => ({ path: dir, cleanup } = await tempDir('vigil-bad-input-')));
after(() => cleanup());

const oneLine = (stderr: string, re: RegExp) => {
  const lines = stderr.trimEnd().split('\n');
  assert.match(lines[0]!, /^vigil: /, stderr);
  assert.match(stderr, re);
  assert.doesNotMatch(stderr, /^\s+at /m, 'no stack trace');
};

describe('vigil start', () => {
  it('with the port taken: says so before scanning anything, exit 2', async () => {
    const busy = createServer();
    await new Promise<void>((r) => busy.listen({ host: '127.0.0.1', port: 0 }, r));
    const port = (busy.address() as { port: number }).port;
    try {
      const db = join(dir, 'busy.db');
      const r = await runVigil(['start', '--port', String(port), '--db', db, '--size', '300'], { cwd: dir });
      assert.equal(r.code, 2);
      oneLine(r.stderr, new RegExp(`cannot serve on 127\\.0\\.0\\.1:${port}: the port is already in use`));
      assert.doesNotMatch(r.stdout, /Scanned/, 'no scan ran');
    } finally {
      busy.close();
    }
  });

  it('on a non-loopback address without --insecure-no-auth: refused with the reason, exit 2', async () => {
    for (const argv of [['--host', '0.0.0.0'], []]) {
      const r = await runVigil(['start', '--no-scan', '--db', join(dir, 'host.db'), ...argv], { cwd: dir, env: argv.length ? {} : { VIGIL_HOST: '10.1.2.3' } });
      assert.equal(r.code, 2, r.stderr);
      oneLine(r.stderr, /refusing to serve on (0\.0\.0\.0|10\.1\.2\.3): no sign-in is configured.*server\.auth.*--insecure-no-auth/);
    }
    await assert.rejects(listenGuard('0.0.0.0', 0, { insecureNoAuth: false }), /refusing/);
    await listenGuard('0.0.0.0', 0, { insecureNoAuth: true });
    await listenGuard('::1', 0, { insecureNoAuth: false });
    // Sign-in configured: every request needs a bearer, so a non-loopback address is fine — unless a proxy header is trusted.
    await listenGuard('0.0.0.0', 0, { insecureNoAuth: false, auth: { tokens: true } });
    await listenGuard('0.0.0.0', 0, { insecureNoAuth: false, auth: { oidc: { issuer: 'https://idp.example.com', audience: 'vigil', roles: { viewer: ['staff'] } } } });
    await assert.rejects(listenGuard('0.0.0.0', 0, { insecureNoAuth: false, auth: { tokens: true, proxy: {} } }), /x-vigil-user header, which anyone reaching that address directly could send/);
  });
});

describe('numeric flags', () => {
  const cases: [string[], RegExp][] = [
    [['scan', '--seed', 'x'], /--seed must be a whole number, found "x"/],
    [['scan', '--size', '-5'], /--size must be at least 1, found -5/],
    [['scan', '--size', '1.5'], /--size must be a whole number, found 1\.5 \(a fraction\)/],
    [['scan', '--size', '99999999'], /--size must be at most 10,000,000, found 99999999/],
    [['start', '--port', '70000'], /--port must be at most 65,535, found 70000/],
  ];
  for (const [argv, re] of cases) {
    it(`${argv.join(' ')}: exit 2 with the right words, nothing stored`, async () => {
      const db = join(dir, `flags-${argv.join('-')}.db`);
      const r = await runVigil([...argv, '--db', db], { cwd: dir });
      assert.equal(r.code, 2);
      oneLine(r.stderr, re);
      const store = await openStore({ url: db });
      try {
        assert.equal((await store.scans.list()).length, 0);
      } finally {
        await store.close();
      }
    });
  }
});

describe('vigil scan', () => {
  it('into a store holding another demo estate: refused before writing, unless --replace', async () => {
    const db = join(dir, 'demo.db');
    const scan = (...argv: string[]) => runVigil(['scan', '--db', db, '--format', 'json', '--output', join(dir, 'o.json'), ...argv], { cwd: dir });
    assert.equal((await scan('--size', '300', '--seed', '1')).code, 0);
    assert.equal((await scan('--size', '300', '--seed', '1')).code, 0, 'the same estate again is fine');
    const other = await scan('--size', '300', '--seed', '2');
    assert.equal(other.code, 2);
    oneLine(other.stderr, /holds the demo estate of seed 1, size 300; scanning seed 2, size 300 would mark most of its \d+ resources deleted.*--replace/);
    const store = await openStore({ url: db });
    assert.equal((await store.scans.list()).length, 2, 'the refused scan wrote nothing');
    await store.close();
    assert.equal((await scan('--size', '300', '--seed', '2', '--replace')).code, 0);
  });

  it('--fail-on says how many violations made it exit 3', async () => {
    const r = await runVigil(['scan', '--size', '300', '--db', join(dir, 'fail.db'), '--format', 'json', '--output', join(dir, 'f.json'), '--fail-on', 'high'], { cwd: dir });
    assert.equal(r.code, 3);
    assert.match(r.stderr, /^vigil: [\d,]+ violations? at or above high \(--fail-on high\): exit 3$/m);
  });

  it('--db naming a directory: the path and the reason, exit 2', async () => {
    await mkdir(join(dir, 'a-dir'));
    const r = await runVigil(['scan', '--size', '300', '--db', join(dir, 'a-dir')], { cwd: dir });
    assert.equal(r.code, 2);
    oneLine(r.stderr, /cannot open the SQLite store at .*a-dir: it is a directory/);
  });

  it('an unreachable PostgreSQL: host, port, database, the reason, never the password', async () => {
    const r = await runVigil(['scan', '--size', '300', '--db', 'postgres://vigil:hunter2@127.0.0.1:9/vigil'], { cwd: dir });
    assert.equal(r.code, 2);
    oneLine(r.stderr, /cannot open the PostgreSQL store at 127\.0\.0\.1:9\/vigil as vigil: connection refused/);
    assert.doesNotMatch(r.stderr, /hunter2/);
  });
});

describe('the CLI itself', () => {
  it('vigil --version prints the package version', async () => {
    const r = await runVigil(['--version']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^\d+\.\d+\.\d+\n$/);
  });

  it('an unknown option is one `vigil:` line (plus the hint), exit 2', async () => {
    const r = await runVigil(['scan', '--sede', '4']);
    assert.equal(r.code, 2);
    oneLine(r.stderr, /^vigil: unknown option '--sede'/);
  });
});
