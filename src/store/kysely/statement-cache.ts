/**
 * SQL text by key, built on first use. One per store (never module-level): the text depends on the
 * dialect, and a store's transactions share their parent's cache.
 *
 * @example
 * const text = cache.get(`upsert-resources:${rows.length}`, () => compile(rows));
 */
export class StatementCache {
  readonly #texts = new Map<string, string>();
  /** Sizes vary only with the last batch of a scan; the bound keeps a pathological caller from growing it forever. */
  readonly #max: number;

  constructor(max = 64) {
    this.#max = max;
  }

  get(key: string, build: () => string): string {
    let text = this.#texts.get(key);
    if (text === undefined) {
      text = build();
      if (this.#texts.size >= this.#max) this.#texts.clear();
      this.#texts.set(key, text);
    }
    return text;
  }
}
