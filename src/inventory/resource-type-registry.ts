import { VigilError } from '../common/vigil-error.js';
import type { ResourceTypeDefinition } from './resource-type.js';

/**
 * The registry of resource types. Built once by the composition root; no module-level state, so
 * several workers in one process can hold their own.
 *
 * @example
 * const types = new ResourceTypeRegistry([s3Bucket]);
 * types.get('aws.s3.bucket').title; // 'S3 bucket'
 */
export class ResourceTypeRegistry {
  readonly #types = new Map<string, ResourceTypeDefinition>();

  constructor(defs: Iterable<ResourceTypeDefinition> = []) {
    for (const d of defs) this.register(d);
  }

  register(def: ResourceTypeDefinition): void {
    if (this.#types.has(def.type)) throw new VigilError('registry.duplicate', `resource type ${def.type} is registered twice`);
    this.#types.set(def.type, def);
  }

  has(type: string): boolean {
    return this.#types.has(type);
  }

  get(type: string): ResourceTypeDefinition {
    const d = this.#types.get(type);
    if (!d) throw new VigilError('resource-type.unknown', `unknown resource type "${type}"`, { status: 400 });
    return d;
  }

  find(type: string): ResourceTypeDefinition | undefined {
    return this.#types.get(type);
  }

  list(): ResourceTypeDefinition[] {
    return [...this.#types.values()].sort((a, b) => a.type.localeCompare(b.type));
  }

  names(): string[] {
    return this.list().map((d) => d.type);
  }
}
