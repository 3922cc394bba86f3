import type { Resource } from '../inventory/resource.js';
import type { ResourceLookup } from '../policies/filters/named-filter.js';

/**
 * The inventory that cross-resource filters may read during a scan: the resource types they declared
 * in `needs`, collected before the rest of the estate streams past.
 *
 * @example
 * const lookup = new PreloadedLookup();
 * lookup.add(selections);
 * lookup.byType('aws.backup.selection').length;
 */
export class PreloadedLookup implements ResourceLookup {
  readonly #byType = new Map<string, Resource[]>();
  readonly #byArn = new Map<string, Resource>();
  readonly #memo = new Map<string, unknown>();

  add(resources: readonly Resource[]): void {
    for (const r of resources) {
      const list = this.#byType.get(r.type) ?? [];
      list.push(r);
      this.#byType.set(r.type, list);
      this.#byArn.set(r.arn, r);
    }
    this.#memo.clear();
  }

  byType(type: string): readonly Resource[] {
    return this.#byType.get(type) ?? [];
  }

  byArn(arn: string): Resource | undefined {
    return this.#byArn.get(arn);
  }

  memo<T>(key: string, build: () => T): T {
    if (!this.#memo.has(key)) this.#memo.set(key, build());
    return this.#memo.get(key) as T;
  }
}
