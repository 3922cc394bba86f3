import type { TSchema } from '@sinclair/typebox';
import { closestMatch } from './closest-match.js';
import { VigilError } from './vigil-error.js';

/**
 * How a registry reads one of its entries. New kinds of entry (collectors, enforcement actions,
 * notifiers, channels) follow the defaults — `name`, `description`, `schema`, `permissions` — and need
 * no traits at all; older shapes (a resource type's `type`, a filter's `params`) say where theirs are.
 */
export interface RegistryTraits<T> {
  /** The entry's key, unique in the registry. Default: `entry.name`. */
  key?(entry: T): string;
  /** The strict schema of what a policy writes for this entry (operand, parameters, config). Default: `entry.schema`. */
  schema?(entry: T): TSchema | undefined;
  /** One sentence a person reads in docs and editor hovers. Default: `entry.description`. */
  docs?(entry: T): string | undefined;
  /** Cloud permissions the entry needs to run, e.g. `s3:PutPublicAccessBlock`. Default: `entry.permissions ?? []`. */
  permissions?(entry: T): readonly string[];
}

/** What a registry says about one entry, whatever its shape: for docs, schema generation and meta-tests. */
export interface RegistryEntryInfo {
  key: string;
  docs: string | undefined;
  schema: TSchema | undefined;
  permissions: readonly string[];
}

type Loose = { name?: unknown; description?: unknown; schema?: unknown; permissions?: unknown };

const defaultKey = (entry: unknown): string => {
  const name = (entry as Loose).name;
  if (typeof name !== 'string' || name === '') throw new VigilError('registry.invalid', 'a registry entry needs a non-empty "name" (or the registry a key trait)');
  return name;
};

/**
 * Entries of one kind keyed by name: resource types, operators, named filters today; collectors,
 * enforcement actions, notifiers and channels next. Registering a key twice is an error at start-up;
 * an unknown key is a 400 with the closest known key suggested; listings are sorted by key.
 * No module-level state: the composition root builds one per graph.
 *
 * @example
 * const actions = new Registry<EnforcementAction>('action', [blockPublicAccess, stopInstance]);
 * actions.get('s3.block-public-acess'); // VigilError action.unknown: unknown action "s3.block-public-acess"; did you mean "s3.block-public-access"?
 * actions.info().flatMap((a) => a.permissions); // every cloud permission the actions declare
 */
export class Registry<T> {
  readonly #byKey = new Map<string, T>();
  readonly #traits: Required<RegistryTraits<T>>;

  /**
   * @param kind what the entries are, kebab-case (`filter`, `resource-type`): the error codes
   *   `<kind>.unknown` and the messages ("unknown resource type …") are made from it.
   */
  constructor(
    readonly kind: string,
    entries: Iterable<T> = [],
    traits: RegistryTraits<T> = {},
  ) {
    this.#traits = {
      key: traits.key ?? defaultKey,
      schema: traits.schema ?? ((e) => (e as Loose).schema as TSchema | undefined),
      docs: traits.docs ?? ((e) => (typeof (e as Loose).description === 'string' ? ((e as Loose).description as string) : undefined)),
      permissions: traits.permissions ?? ((e) => (Array.isArray((e as Loose).permissions) ? ((e as Loose).permissions as string[]) : [])),
    };
    for (const e of entries) this.register(e);
  }

  /** The kind in words, for messages: `resource-type` → "resource type". */
  get label(): string {
    return this.kind.replace(/-/g, ' ');
  }

  /** @throws VigilError `registry.duplicate` when the key is taken. */
  register(entry: T): void {
    const key = this.#traits.key(entry);
    if (this.#byKey.has(key)) throw new VigilError('registry.duplicate', `${this.label} ${key} is registered twice`);
    this.#byKey.set(key, entry);
  }

  has(key: string): boolean {
    return this.#byKey.has(key);
  }

  find(key: string): T | undefined {
    return this.#byKey.get(key);
  }

  /** @throws VigilError `<kind>.unknown` (status 400), suggesting the closest key when one is near. */
  get(key: string): T {
    const entry = this.#byKey.get(key);
    if (entry === undefined) {
      const near = closestMatch(key, this.#byKey.keys());
      throw new VigilError(`${this.kind}.unknown`, `unknown ${this.label} "${key}"${near ? `; did you mean "${near}"?` : ''}`, { status: 400 });
    }
    return entry;
  }

  /** Every entry, sorted by key (stable output for docs, listings and diagnostics). */
  list(): T[] {
    return this.keys().map((k) => this.#byKey.get(k) as T);
  }

  /** Every key, sorted. */
  keys(): string[] {
    return [...this.#byKey.keys()].sort((a, b) => a.localeCompare(b));
  }

  /** Entries in the order they were registered (where the order is meaningful, e.g. schema property order). */
  inRegistrationOrder(): T[] {
    return [...this.#byKey.values()];
  }

  get size(): number {
    return this.#byKey.size;
  }

  /** Key, docs, schema and declared permissions of every entry, sorted by key. */
  info(): RegistryEntryInfo[] {
    return this.list().map((e) => ({
      key: this.#traits.key(e),
      docs: this.#traits.docs(e),
      schema: this.#traits.schema(e),
      permissions: this.#traits.permissions(e),
    }));
  }
}
