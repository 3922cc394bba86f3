import { LineCounter, parseDocument, isMap, isPair, isScalar, type Document, type Node } from 'yaml';
import type { Diagnostic } from './vigil-error.js';

/**
 * A parsed YAML file that can say where any node is, so every problem is reported as
 * `file:line:col` of the node a person has to change.
 *
 * @example
 * const src = YamlSource.parse('policies/a.yaml', text);
 * src.locate(['where', 'all', 1]); // { file: 'policies/a.yaml', line: 9, col: 7 }
 */
export class YamlSource {
  private constructor(
    readonly file: string,
    readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  static parse(file: string, text: string): YamlSource {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    return new YamlSource(file, doc, lines);
  }

  /** YAML syntax errors (and warnings), located. */
  syntaxDiagnostics(): Diagnostic[] {
    return [...this.doc.errors, ...this.doc.warnings].map((e) => ({ ...this.#at(e.pos[0]), message: e.message.split('\n')[0] ?? e.message }));
  }

  toJS(): unknown {
    return this.doc.toJS({ maxAliasCount: 100 });
  }

  /**
   * Where the node at `path` starts; with `key`, where that key of the mapping at `path` is (for
   * "unknown field" problems). Falls back to the nearest existing ancestor.
   */
  locate(path: (string | number)[], key?: string): { file: string; line: number; col: number } {
    for (let n = path.length; n >= 0; n--) {
      const node = this.doc.getIn(path.slice(0, n), true) as Node | undefined;
      if (n === path.length && key !== undefined && isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
        const k = pair?.key as Node | undefined;
        if (k?.range) return this.#at(k.range[0]);
      }
      if (node?.range) {
        // For a scalar under a key, point at the key (where a person looks) when the value is on the same line.
        return this.#at(n === path.length ? this.#keyStart(path) ?? node.range[0] : node.range[0]);
      }
    }
    return { file: this.file, line: 1, col: 1 };
  }

  #keyStart(path: (string | number)[]): number | undefined {
    if (path.length === 0) return undefined;
    const parent = this.doc.getIn(path.slice(0, -1), true) as Node | undefined;
    const last = path[path.length - 1];
    if (!isMap(parent)) return undefined;
    const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(last));
    const k = pair?.key as Node | undefined;
    return k?.range?.[0];
  }

  #at(offset: number): { file: string; line: number; col: number } {
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, col };
  }
}
