import type { QuarantinedRecord, Resource } from '../../inventory/resource.js';
import type { ResourceTypeRegistry } from '../../inventory/resource-type-registry.js';
import type { DeliveryObjectSource } from '../aws-config/delivery-object-source.js';
import type { CollectedBatch, Provider } from '../provider.js';
import type { CollectRequest } from '../../inventory/collect-request.js';
import type { Organization } from '../../inventory/organization.js';
import { readBottlerocketReports } from './bottlerocket-report-reader.js';

const TYPE = 'aws.bottlerocket.node-report';

/**
 * `--source bottlerocket-reports:<dir|s3://bucket/prefix>`: the CIS reports Bottlerocket nodes publish,
 * as aws.bottlerocket.node-report resources. It never marks a scope complete: a node that stopped
 * publishing may still run, so its last report (and violations) stay until it publishes again.
 *
 * @example
 * new BottlerocketReportsProvider(new LocalDeliverySource('reports'), types, 1000).name; // 'bottlerocket-reports:reports'
 */
export class BottlerocketReportsProvider implements Provider {
  readonly name: string;

  constructor(
    private readonly source: DeliveryObjectSource,
    private readonly types: ResourceTypeRegistry,
    private readonly batchSize = 1_000,
  ) {
    this.name = `bottlerocket-reports:${source.location}`;
  }

  async organization(): Promise<Organization> {
    return { accounts: [] };
  }

  async *collect(request: CollectRequest): AsyncIterable<CollectedBatch> {
    if ((request.types && !request.types.includes(TYPE)) || request.excludeTypes?.includes(TYPE)) return;
    const report = request.reportQuarantine !== false;
    let resources: Resource[] = [];
    let quarantined: QuarantinedRecord[] = [];
    for await (const e of readBottlerocketReports(this.source, this.types)) {
      if ('resource' in e) {
        const r = e.resource;
        if ((!request.accountIds || request.accountIds.includes(r.accountId)) && (!request.regions || request.regions.includes(r.region))) resources.push(r);
      } else if (report) quarantined.push(e.quarantined);
      if (resources.length + quarantined.length >= this.batchSize) {
        yield { resources, quarantined };
        resources = [];
        quarantined = [];
      }
    }
    if (resources.length || quarantined.length) yield { resources, quarantined };
  }
}
