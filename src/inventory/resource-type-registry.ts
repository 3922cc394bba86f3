import { Registry } from '../common/registry.js';
import type { ResourceTypeDefinition } from './resource-type.js';

/**
 * The registry of resource types: a `Registry` keyed by `type` (`aws.s3.bucket`), documented by its
 * title. Built by the composition root; no module-level state, so several workers in one process can
 * hold their own.
 *
 * @example
 * const types = new ResourceTypeRegistry([s3Bucket]);
 * types.get('aws.s3.bucket').title; // 'S3 bucket'
 */
export class ResourceTypeRegistry extends Registry<ResourceTypeDefinition> {
  constructor(defs: Iterable<ResourceTypeDefinition> = []) {
    super('resource-type', defs, { key: (d) => d.type, docs: (d) => d.title });
  }

  /** Every type name, sorted. */
  names(): string[] {
    return this.keys();
  }
}
