import { LineCounter, parseDocument, isMap, isPair, isScalar, type Document, type Node } from 'yaml';
import { INPUT_LIMITS } from './input-limits.js';
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

  #limits: Diagnostic[] = [];
  #value: unknown;

  static parse(file: string, text: string): YamlSource {
    const lines = new LineCounter();
    if (text.length > INPUT_LIMITS.yamlFileBytes) {
      // Not even parsed: a file this size is a mistake (or an attack), and parsing it is what would hurt.
      const src = new YamlSource(file, parseDocument('', { lineCounter: lines }), lines);
      src.#limits.push({ file, line: 1, col: 1, message: `file is ${text.length.toLocaleString('en-US')} characters; the limit is ${INPUT_LIMITS.yamlFileBytes.toLocaleString('en-US')} (see docs/limits.md)` });
      return src;
    }
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    const src = new YamlSource(file, doc, lines);
    if (doc.errors.length === 0) src.#checkLimits();
    return src;
  }

  /** YAML syntax errors (and warnings) and exceeded limits (aliases, depth, string length, size), located. */
  syntaxDiagnostics(): Diagnostic[] {
    return [...this.#limits, ...[...this.doc.errors, ...this.doc.warnings].map((e) => ({ ...this.#at(e.pos[0]), message: e.message.split('\n')[0] ?? e.message }))];
  }

  /** The document as plain data; undefined when a limit was exceeded (syntaxDiagnostics says which). */
  toJS(): unknown {
    return this.#limits.length ? undefined : this.#value;
  }

  #checkLimits(): void {
    try {
      this.#value = this.doc.toJS({ maxAliasCount: INPUT_LIMITS.yamlAliases });
    } catch (e) {
      const message =
        e instanceof RangeError
          ? `nested too deeply to read (the limit is ${INPUT_LIMITS.yamlDepth} levels; see docs/limits.md)`
          : `too many YAML aliases expanded (the limit is ${INPUT_LIMITS.yamlAliases}; see docs/limits.md)`;
      this.#limits.push({ file: this.file, line: 1, col: 1, message });
      return;
    }
    const walk = (node: unknown, path: (string | number)[], depth: number): boolean => {
      if (depth > INPUT_LIMITS.yamlDepth) {
        this.#limits.push({ ...this.locate(path), message: `nested more than ${INPUT_LIMITS.yamlDepth} levels deep (see docs/limits.md)` });
        return false;
      }
      if (typeof node === 'string' && node.length > INPUT_LIMITS.yamlStringChars) {
        this.#limits.push({ ...this.locate(path), message: `${path.join('.') || 'value'}: a string of ${node.length.toLocaleString('en-US')} characters; the limit is ${INPUT_LIMITS.yamlStringChars.toLocaleString('en-US')}` });
      } else if (Array.isArray(node)) {
        for (let i = 0; i < node.length; i++) if (!walk(node[i], [...path, i], depth + 1)) return false;
      } else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          if (k.length > INPUT_LIMITS.yamlStringChars) this.#limits.push({ ...this.locate(path), message: `a key of ${k.length.toLocaleString('en-US')} characters; the limit is ${INPUT_LIMITS.yamlStringChars.toLocaleString('en-US')}` });
          else if (!walk(v, [...path, k], depth + 1)) return false;
        }
      }
      return true;
    };
    walk(this.#value, [], 0);
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
