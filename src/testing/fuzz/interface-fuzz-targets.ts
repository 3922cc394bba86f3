import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { ManualClock } from '../../common/clock.js';
import { createApi, createVigil, type Vigil } from '../../composition-root.js';
import { loadConfig } from '../../config/config-loader.js';
import type { ApiServer } from '../../api/api-server.js';
import { openStore } from '../../store/open-store.js';
import { runVigil } from '../cli-harness.js';
import type { FuzzTarget } from './fuzz-targets.js';

const junk = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('', '-1', '0', '1.5', '1e9', '99999999999999999999', 'NaN', 'high', 'critical', 'never', 'json', 'csv', 'table', 'demo', 'file:', 'file:/nope', 'aws', ':memory:', '../', '%00', '0.0.0.0', '--help'),
);
const flag = fc.oneof(
  fc.constantFrom('--size', '--seed', '--source', '--format', '--fail-on', '--port', '--host', '--type', '--account', '--region', '--policies', '--config', '--output').chain((f) => junk.map((v) => [f, v])),
  fc.constantFrom('--no-builtin', '--no-scan', '--replace', '--check', '--verbose', '-x', '--').map((f) => [f]),
);

/** CLI flags: each command with arbitrary flags and values, against a real SQLite file. */
export const cliTarget = (): FuzzTarget<string[]> => {
  let dir = '';
  return {
    name: 'CLI flags',
    weight: 5,
    arbitrary: fc
      .tuple(fc.constantFrom('scan', 'validate', 'policies', 'frameworks', 'schema', 'test', 'start', 'nope', ''), fc.array(flag, { maxLength: 4 }))
      .map(([cmd, flags]) => [cmd, ...flags.flat()].filter((a) => a !== '')),
    setup: async () => void (dir = await mkdtemp(join(tmpdir(), 'vigil-fuzz-cli-'))),
    async teardown() {
      // Nothing half-written: whatever failed, no scan was left running in the store.
      const store = await openStore({ url: join(dir, 'fuzz.db') });
      try {
        const running = (await store.scans.list({ limit: 10_000 })).filter((s) => s.status === 'running');
        assert.deepEqual(running, [], 'a failed command left a scan half-written');
      } finally {
        await store.close();
        await rm(dir, { recursive: true, force: true });
      }
    },
    async check(argv) {
      // start serves only on a free loopback port without scanning, and is stopped as soon as it is ready.
      const safe = argv[0] === 'start' ? [...argv.filter((a) => a !== '--host'), '--port', '0', '--no-scan'] : argv;
      const r = await runVigil([...safe, '--db', join(dir, 'fuzz.db')], {
        cwd: dir,
        env: {},
        // Served: stop at once (the command returns when its server has closed).
        hooks: { onReady: (_url, stop) => void stop() },
      });
      assert.ok([0, 1, 2, 3].includes(r.code), `exit ${r.code}`);
      assert.doesNotMatch(r.stderr, /^\s+at /m, `a stack trace for vigil ${argv.join(' ')}:\n${r.stderr}`);
      assert.doesNotMatch(r.stderr, /internal error/, `an internal error for vigil ${argv.join(' ')}:\n${r.stderr}`);
      if (r.code === 2) assert.ok(r.stderr.trim().length > 0, 'exit 2 says why');
    },
  };
};

const queryValue = fc.oneof(junk, fc.array(junk, { maxLength: 3 }));
const queryKey = fc.oneof(fc.constantFrom('limit', 'offset', 'severity', 'state', 'policy', 'policyId', 'account', 'accountId', 'owner', 'type', 'region', 'scanId', 'orderBy', 'includeDeleted', 'q'), fc.string({ maxLength: 8 }));

/** API query parameters: every read route with arbitrary query strings, over a scanned demo estate. */
export const apiTarget = (): FuzzTarget<{ route: string; query: Record<string, string | string[]> }> => {
  let vigil: Vigil;
  let api: ApiServer;
  return {
    name: 'API query parameters',
    weight: 10,
    arbitrary: fc.record({
      route: fc.constantFrom('/api/summary', '/api/policies', '/api/scans', '/api/quarantine', '/api/resources', '/api/resources/arn:aws:s3:::x', '/api/violations', '/api/violations/nope', '/healthz'),
      query: fc.dictionary(queryKey, queryValue, { maxKeys: 4 }),
    }),
    async setup() {
      vigil = await createVigil(await loadConfig({ env: {}, flags: { store: { url: ':memory:' }, demo: { size: 300 }, scan: { worker: false } } }), { clock: new ManualClock('2026-06-01T00:00:00Z') });
      await vigil.scan('demo');
      api = await createApi(vigil);
    },
    async teardown() {
      await api.close();
      await vigil.close();
    },
    async check({ route, query }) {
      const qs = new URLSearchParams();
      for (const [k, v] of Object.entries(query)) for (const x of [v].flat()) qs.append(k, x);
      const res = await api.fastify.inject({ method: 'GET', url: `${route}?${qs}` });
      assert.ok([200, 400, 404].includes(res.statusCode), `GET ${route}?${qs} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
      if (res.statusCode !== 200) {
        const body = res.json() as { code?: unknown; message?: unknown };
        assert.ok(typeof body.code === 'string' && typeof body.message === 'string', `an error body with code and message: ${res.body.slice(0, 300)}`);
        assert.doesNotMatch(String(body.message), /\n\s+at /);
      }
    },
  };
};
