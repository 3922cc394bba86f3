import { AccessAnalyzerClient, ListAnalyzersCommand, type AnalyzerSummary } from '@aws-sdk/client-accessanalyzer';
import { accessAnalyzerRegionResourceType } from '../../../inventory/resource-types/identity/access-analyzer-region-resource-type.js';
import type { ServiceCollector } from '../service-collector.js';
import { pages, plain, toResource, withClient } from './collector-kit.js';

/**
 * IAM Access Analyzer in one account and Region: one record `{ Region, analyzers }` even when there is
 * no analyzer, which is what "an analyzer in every Region" judges. Analyzers are few, so the list is whole.
 *
 * @example
 * for await (const page of accessAnalyzerCollector.collect(ctx)) store(page.resources);
 */
export const accessAnalyzerCollector: ServiceCollector = {
  service: 'access-analyzer',
  types: ['aws.accessanalyzer.region'],
  commands: ['ListAnalyzersCommand'],
  permissions: ['access-analyzer:ListAnalyzers'],
  collect: (ctx) =>
    withClient(new AccessAnalyzerClient({ ...ctx.clientConfig }), async function* (aa) {
      const analyzers: AnalyzerSummary[] = [];
      for await (const page of pages(ctx, 'access-analyzer:ListAnalyzers', (nextToken) => aa.send(new ListAnalyzersCommand({ nextToken, maxResults: 100 })), (p) => p.nextToken)) {
        analyzers.push(...(page.analyzers ?? []));
      }
      yield { resources: [toResource(accessAnalyzerRegionResourceType, ctx, { Region: ctx.region, analyzers: plain({ a: analyzers }).a })] };
    }),
};
