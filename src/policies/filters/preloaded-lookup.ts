import type { Resource } from '../../inventory/resource.js';
import type { ResourceLookup } from './named-filter.js';

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
  /** Every batch added, in order: the ARN index is built from them on first use. */
  readonly #added: (readonly Resource[])[] = [];
  #byArn: Map<string, Resource> | undefined;
  readonly #memo = new Map<string, unknown>();

  add(resources: readonly Resource[]): void {
    let type: string | undefined;
    let list: Resource[] | undefined;
    for (const r of resources) {
      // Batches come in runs of one type: look the list up when the type changes.
      if (r.type !== type) {
        type = r.type;
        list = this.#byType.get(type);
        if (!list) this.#byType.set(type, (list = []));
      }
      (list as Resource[]).push(r);
    }
    this.#added.push(resources.slice());
    // Hashing a hundred thousand ARNs costs more than most scans' byArn calls: index them when first asked.
    this.#byArn = undefined;
    this.#memo.clear();
  }

  byType(type: string): readonly Resource[] {
    return this.#byType.get(type) ?? [];
  }

  byArn(arn: string): Resource | undefined {
    if (!this.#byArn) {
      this.#byArn = new Map();
      for (const batch of this.#added) for (const r of batch) this.#byArn.set(r.arn, r);
    }
    return this.#byArn.get(arn);
  }

  memo<T>(key: string, build: () => T): T {
    if (!this.#memo.has(key)) this.#memo.set(key, build());
    return this.#memo.get(key) as T;
  }
}
