import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { featureCycles, importEdges, sourceFiles, type ImportEdge } from '../testing/import-graph.js';

const edge = (from: string, to: string): ImportEdge => ({ from, to, specifier: to });

describe('feature folders', () => {
  it('import each other without a cycle (a domain type sits in the domain, a shared helper where both sides can import it)', () => {
    const cycles = featureCycles(importEdges(sourceFiles()));
    const report = cycles.map((c) => `${c.features.join(' ↔ ')}:\n${c.imports.map((e) => `  ${e.from} imports ${e.specifier}`).join('\n')}`);
    assert.deepEqual(report, [], `folder-level import cycles:\n${report.join('\n')}`);
  });

  it('production code never imports the test helpers in src/testing', () => {
    const leaks = importEdges(sourceFiles())
      .filter((e) => !e.from.startsWith('testing/') && e.to.startsWith('testing/'))
      .map((e) => `${e.from} imports ${e.specifier}`);
    assert.deepEqual(leaks, []);
  });

  it('the check finds a loop through three folders and names the imports that close it', () => {
    const cycles = featureCycles([
      edge('policies/a.ts', 'evaluation/b.ts'),
      edge('evaluation/b.ts', 'providers/c.ts'),
      edge('providers/c.ts', 'policies/d.ts'),
      edge('providers/c.ts', 'common/e.ts'),
      edge('composition-root.ts', 'policies/a.ts'),
    ]);
    assert.deepEqual(cycles.map((c) => c.features), [['evaluation', 'policies', 'providers']]);
    assert.equal(cycles[0]!.imports.length, 3);
  });

  it('the scan reads real imports, type-only ones included', () => {
    const edges = importEdges(['providers/provider.ts']);
    assert.ok(edges.some((e) => e.to === 'inventory/organization.ts'), JSON.stringify(edges));
  });
});
