import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { SRC_DIR } from './import-graph.js';

/** One place that builds a store, a registry or a provider. */
export interface ConstructionSite {
  file: string;
  line: number;
  /** The expression as written, e.g. `new DemoProvider` or `openStore()`. */
  what: string;
}

/** Classes whose instances only the composition root may create: stores, registries, providers. */
const GUARDED_CLASS = /(Store|Registry|Provider)$/;
/** Their factories: `openStore`, `openSqliteStore`, `createProvider`, `createRegistries`… */
const GUARDED_FACTORY = /^(open\w*Store|create\w*(Store|Provider|Registry|Registries))$/;

/**
 * Every `new <…Store|…Registry|…Provider>(…)` and every call of a store/provider/registry factory in
 * a source text, except the composition root's own exports (comments and doc examples do not count:
 * it reads the syntax tree).
 *
 * @example
 * constructionSites('cli/x.ts', 'const s = await openStore({ url });'); // [{ file: 'cli/x.ts', line: 1, what: 'openStore()' }]
 */
export const constructionSites = (file: string, text: string): ConstructionSite[] => {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const sites: ConstructionSite[] = [];
  const at = (node: ts.Node, what: string) => sites.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, what });
  const name = (e: ts.Expression): string | undefined => (ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : undefined);
  // What the root exports (`openScannedStore`) is how callers are meant to get one.
  const fromRoot = new Set<string>();
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || !/(^|\/)composition-root\.js$/.test(st.moduleSpecifier.text)) continue;
    const bindings = st.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) for (const el of bindings.elements) fromRoot.add(el.name.text);
  }
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node)) {
      const n = name(node.expression);
      if (n && GUARDED_CLASS.test(n)) at(node, `new ${n}`);
    } else if (ts.isCallExpression(node)) {
      const n = name(node.expression);
      if (n && GUARDED_FACTORY.test(n) && !(ts.isIdentifier(node.expression) && fromRoot.has(n))) at(node, `${n}()`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return sites;
};

/** The construction sites of files under src/ (paths relative to it). */
export const constructionSitesIn = (files: readonly string[], root = SRC_DIR): ConstructionSite[] =>
  files.flatMap((f) => constructionSites(f, readFileSync(join(root, f), 'utf8')));
