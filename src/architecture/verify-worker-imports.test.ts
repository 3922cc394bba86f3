import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importEdges, sourceFiles, type ImportEdge } from '../testing/import-graph.js';

/** Every file `from` reaches through relative imports (type-only ones included), itself too. */
const closure = (edges: readonly ImportEdge[], from: string): Set<string> => {
  const seen = new Set([from]);
  for (const todo = [from]; todo.length; ) {
    const f = todo.pop()!;
    for (const e of edges) if (e.from === f && !seen.has(e.to)) todo.push((seen.add(e.to), e.to));
  }
  return seen;
};

/**
 * What start-up of a verify worker must not load: each worker thread imports its entry afresh, so the
 * composition root (every provider, the policy registries and their schemas) would cost every worker
 * a second of start-up before it reads one record.
 */
const HEAVY = [/^composition-root\.ts$/, /^providers\/provider-factory\.ts$/, /^policies\//, /^evaluation\//, /^reports\//, /^enforcers\//, /^config\/config-loader\.ts$/];

describe('the audit verify worker', () => {
  it('imports the store and the verifier, not the composition root or the scanning and reporting code', () => {
    const reached = [...closure(importEdges(sourceFiles()), 'workers/chain-range-worker.ts')];
    assert.ok(reached.includes('audit-trail/chain-range.ts') && reached.includes('store/open-store.ts'), 'the walk follows the imports');
    assert.deepEqual(reached.filter((f) => HEAVY.some((h) => h.test(f))), []);
  });

  it('the walk sees a heavy module reached through another file', () => {
    const edges: ImportEdge[] = [
      { from: 'workers/w.ts', to: 'store/s.ts', specifier: '../store/s.js' },
      { from: 'store/s.ts', to: 'composition-root.ts', specifier: '../composition-root.js' },
    ];
    assert.deepEqual([...closure(edges, 'workers/w.ts')].filter((f) => HEAVY.some((h) => h.test(f))), ['composition-root.ts']);
  });
});
