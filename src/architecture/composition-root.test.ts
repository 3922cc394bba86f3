import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { constructionSites, constructionSitesIn } from '../testing/construction-sites.js';
import { sourceFiles } from '../testing/import-graph.js';

/**
 * Where stores, registries and providers may be built: the composition root, and each port's own
 * factory (which the root calls). Test helpers (src/testing/) build fakes and in-memory stores.
 */
const ALLOWED: { path: RegExp; why: string }[] = [
  { path: /^composition-root\.ts$/, why: 'the one place that wires graphs' },
  { path: /^policies\/registries\.ts$/, why: 'the registries\' factory' },
  { path: /^providers\/provider-factory\.ts$/, why: 'the providers\' factory' },
  { path: /^store\//, why: 'the store package: openStore is its factory, the adapters build their own parts' },
  { path: /^testing\//, why: 'test helpers' },
  { path: /^workers\/chain-range-worker\.ts$/, why: 'the audit verify worker: a lean entry that opens only the store (verify-worker-imports.test.ts)' },
];

describe('the composition root', () => {
  it('is the only module outside the ports\' own factories that builds a store, a registry or a provider', () => {
    const files = sourceFiles().filter((f) => !ALLOWED.some((a) => a.path.test(f)));
    const sites = constructionSitesIn(files).map((s) => `${s.file}:${s.line}  ${s.what}`);
    assert.deepEqual(sites, [], `build these through src/composition-root.ts:\n${sites.join('\n')}`);
  });

  it('the scan sees constructors and factory calls, and not doc comments', () => {
    const text = [
      '/** @example new DemoProvider(opts, gens, types, clock) */',
      'const p = new DemoProvider(opts, gens, types, clock);',
      'const r = new registry.FilterRegistry([]);',
      'const s = await openStore({ url });',
      'const t = createRegistries();',
      'const e = new Evaluator(compiled);',
      "import { openScannedStore } from '../composition-root.js';",
      'const u = await openScannedStore(config);',
    ].join('\n');
    assert.deepEqual(
      constructionSites('cli/x.ts', text).map((s) => `${s.line} ${s.what}`),
      ['2 new DemoProvider', '3 new FilterRegistry', '4 openStore()', '5 createRegistries()'],
    );
  });
});
