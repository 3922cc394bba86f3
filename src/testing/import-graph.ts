import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** One relative import of a source file, resolved to the file it names (both relative to src/). */
export interface ImportEdge {
  from: string;
  to: string;
  /** As written, e.g. `../providers/provider.js`. */
  specifier: string;
}

/** The src/ folder of this checkout. */
export const SRC_DIR = resolve(dirname(new URL(import.meta.url).pathname), '..');

/** Every non-test TypeScript file under src/, relative to it, with `/` separators. */
export const sourceFiles = (root = SRC_DIR): string[] => {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) return walk(p);
      return p.endsWith('.ts') && !p.endsWith('.test.ts') && !p.endsWith('.d.ts') ? [p] : [];
    });
  return walk(root)
    .map((p) => relative(root, p).split(sep).join('/'))
    .sort();
};

/** The relative imports and re-exports of the given files (type-only ones included: they still couple folders). */
export const importEdges = (files: readonly string[], root = SRC_DIR): ImportEdge[] =>
  files.flatMap((from) => {
    const info = ts.preProcessFile(readFileSync(join(root, from), 'utf8'), true, true);
    return info.importedFiles
      .filter((i) => i.fileName.startsWith('.'))
      .map((i) => ({
        from,
        specifier: i.fileName,
        to: relative(root, resolve(root, dirname(from), i.fileName.replace(/\.js$/, '.ts'))).split(sep).join('/'),
      }));
  });

/** The feature a file belongs to: its top folder under src/ (`policies`), or the file itself when it sits in src/. */
export const featureOf = (file: string): string => (file.includes('/') ? (file.split('/')[0] as string) : file);

/**
 * Groups of features that import each other, directly or around a loop (strongly connected
 * components with more than one member), each with the file-level imports that close the loop.
 *
 * @example
 * featureCycles(importEdges(sourceFiles())); // [] when the folders form a DAG
 */
export const featureCycles = (edges: readonly ImportEdge[]): { features: string[]; imports: ImportEdge[] }[] => {
  const out = new Map<string, Set<string>>();
  for (const e of edges) {
    const a = featureOf(e.from);
    const b = featureOf(e.to);
    if (a !== b) (out.get(a) ?? out.set(a, new Set()).get(a)!).add(b);
  }
  // Tarjan's algorithm; the graph has a few dozen nodes, recursion is fine.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of out.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const v of [...out.keys()].sort()) if (!index.has(v)) visit(v);
  return groups.map((features) => ({
    features,
    imports: edges.filter((e) => featureOf(e.from) !== featureOf(e.to) && features.includes(featureOf(e.from)) && features.includes(featureOf(e.to))),
  }));
};
