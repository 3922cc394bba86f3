import { parseResourceRecord } from '../../inventory/resource-record.js';
import type { QuarantinedRecord, Resource } from '../../inventory/resource.js';
import type { ResourceTypeRegistry } from '../../inventory/resource-type-registry.js';
import type { DeliveryObjectSource } from '../aws-config/delivery-object-source.js';

/** Largest report read: a CIS report is a few KB; anything far larger is not one. */
const MAX_REPORT_BYTES = 1_000_000;
const STATUSES = new Set(['PASS', 'FAIL', 'SKIP']);
// …/<account>/<region>/<cluster>/<instance-id>.json, as docs/bottlerocket.md tells nodes to publish.
const REPORT_PATH = /(?:^|\/)(\d{12})\/([a-z]{2}(?:-[a-z]+)+-\d)\/([^/]+)\/(i-[0-9a-f]{8,17})\.json$/;

export type ReportEntry = { resource: Resource } | { quarantined: QuarantinedRecord };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const readAll = async (input: AsyncIterable<unknown>): Promise<string> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of input) {
    const b = Buffer.isBuffer(c) ? c : Buffer.from(String(c));
    size += b.length;
    if (size > MAX_REPORT_BYTES) throw new Error(`larger than ${MAX_REPORT_BYTES} bytes`);
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
};

/** What is wrong with a parsed `apiclient report cis -f json` document, or undefined. */
const problemOf = (r: Record<string, unknown>): string | undefined => {
  if (!isRecord(r.results)) return 'field "results": missing (expected the checks keyed by checker name, e.g. "br01050100")';
  for (const [name, check] of Object.entries(r.results)) {
    if (!isRecord(check) || typeof check.status !== 'string' || !STATUSES.has(check.status)) return `field "results.${name}.status": must be PASS, FAIL or SKIP`;
  }
  if (typeof r.status !== 'string' || !STATUSES.has(r.status)) return 'field "status": must be PASS, FAIL or SKIP';
  if (typeof r.timestamp !== 'string' || Number.isNaN(Date.parse(r.timestamp))) return 'field "timestamp": must be a time';
  return undefined;
};

/**
 * Reads the Bottlerocket CIS reports nodes publish (`apiclient report cis -f json`, one object per node
 * at `…/<account>/<region>/<cluster>/<instance-id>.json`) and turns each into an
 * `aws.bottlerocket.node-report` resource for that instance: the report's own fields, plus InstanceId
 * and ClusterName from the path (and NodeName/Tags when the publisher added them). A bad object is
 * quarantined with its key and reason. Small and source-agnostic, so the live `aws` source can read the
 * same prefix.
 *
 * @example
 * for await (const e of readBottlerocketReports(new LocalDeliverySource('reports'), types)) if ('resource' in e) e.resource.config.results;
 */
export async function* readBottlerocketReports(source: DeliveryObjectSource, types: ResourceTypeRegistry): AsyncIterable<ReportEntry> {
  for await (const key of source.list()) {
    const where = `bottlerocket-reports:${key}`;
    const bad = (reason: string, record = ''): ReportEntry => ({ quarantined: { source: where, reason, record: record.slice(0, 4_000) } });
    // A single file's key is its name only: its account, Region and cluster come from its path.
    const m = REPORT_PATH.exec(key.includes('/') ? key : source.location);
    if (!m) {
      yield bad('path must end in <account>/<region>/<cluster>/<instance-id>.json');
      continue;
    }
    const [, accountId, region, cluster, instanceId] = m as unknown as [string, string, string, string, string];
    let text: string;
    try {
      text = await readAll(await source.open(key));
    } catch (e) {
      yield bad(`cannot read: ${(e as Error).message}`);
      continue;
    }
    let report: unknown;
    try {
      report = JSON.parse(text);
    } catch (e) {
      yield bad(`not valid JSON: ${(e as Error).message}`, text);
      continue;
    }
    if (!isRecord(report)) {
      yield bad('a report must be a JSON object', text);
      continue;
    }
    const problem = problemOf(report);
    if (problem) {
      yield bad(problem, text);
      continue;
    }
    const config = { InstanceId: instanceId, ClusterName: decodeURIComponent(cluster), ...report };
    const res = parseResourceRecord({ type: 'aws.bottlerocket.node-report', accountId, region, config }, types, { observedAt: report.timestamp as string });
    yield res.ok ? { resource: res.resource } : bad(res.reason, text);
  }
}
