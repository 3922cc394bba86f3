import type { CollectRequest } from '../inventory/collect-request.js';
import type { Organization } from '../inventory/organization.js';
import type { CollectedBatch, Provider } from './provider.js';

/**
 * A provider whose module loads on first use. The AWS SDK clients the live and S3 sources need took
 * ~1.7 s to import, paid by every command and by the scan worker thread before its first batch, also
 * for `--source demo`: the factory names these providers at once and imports them only when asked.
 *
 * @example
 * const aws = new LazyProvider('aws', async () => new (await import('./aws/aws-provider.js')).AwsProvider(opts));
 * for await (const b of aws.collect({})) write(b); // the SDK loads here
 */
export class LazyProvider implements Provider {
  #loaded: Promise<Provider> | undefined;

  constructor(
    readonly name: string,
    private readonly load: () => Promise<Provider>,
  ) {}

  organization(): Promise<Organization> {
    return this.#provider().then((p) => p.organization());
  }

  async *collect(request: CollectRequest): AsyncIterable<CollectedBatch> {
    yield* (await this.#provider()).collect(request);
  }

  #provider(): Promise<Provider> {
    return (this.#loaded ??= this.load());
  }
}
