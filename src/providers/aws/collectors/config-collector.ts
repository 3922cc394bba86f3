import { ConfigServiceClient, DescribeConfigurationRecordersCommand, DescribeConfigurationRecorderStatusCommand } from '@aws-sdk/client-config-service';
import { configRecorderType } from '../../../inventory/resource-types/data/config-recorder-type.js';
import type { ServiceCollector } from '../service-collector.js';
import { essential, plain, toResource, withClient } from './collector-kit.js';

/**
 * AWS Config in one account and Region: each configuration recorder with its status under `status`;
 * a Region without any recorder yields one empty record, so "Config is off here" is judged too.
 *
 * @example
 * for await (const page of configCollector.collect(ctx)) store(page.resources);
 */
export const configCollector: ServiceCollector = {
  service: 'config',
  types: ['aws.config.recorder'],
  commands: ['DescribeConfigurationRecordersCommand', 'DescribeConfigurationRecorderStatusCommand'],
  permissions: ['config:DescribeConfigurationRecorders', 'config:DescribeConfigurationRecorderStatus'],
  collect: (ctx) =>
    withClient(new ConfigServiceClient({ ...ctx.clientConfig }), async function* (cfg) {
      const recorders = await essential(ctx, 'config:DescribeConfigurationRecorders', () => cfg.send(new DescribeConfigurationRecordersCommand({})));
      const list = recorders?.ConfigurationRecorders ?? [];
      // Without its status a recorder would read as stopped: an unreadable status fails the scope instead.
      const statuses = list.length
        ? await essential(ctx, 'config:DescribeConfigurationRecorderStatus', () => cfg.send(new DescribeConfigurationRecorderStatusCommand({})))
        : undefined;
      const configs = list.map((r) => {
        const status = statuses?.ConfigurationRecordersStatus?.find((s) => s.name === r.name);
        return { ...plain(r), ...(status ? { status: plain(status) } : {}) };
      });
      yield { resources: (configs.length ? configs : [{}]).map((c) => toResource(configRecorderType, ctx, c)) };
    }),
};
