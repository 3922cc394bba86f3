import {
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  DescribeDeliveryChannelsCommand,
  PutConfigurationRecorderCommand,
  StartConfigurationRecorderCommand,
  StopConfigurationRecorderCommand,
  type ConfigurationRecorder,
} from '@aws-sdk/client-config-service';
import type { EnforcementAction } from '../../enforcement-action.js';
import { arnName, NoParams } from '../action-helpers.js';

type State = { recorder: ConfigurationRecorder | null; recording: boolean; deliveryChannels: number };

const allSupported = (r: ConfigurationRecorder | null) => r?.recordingGroup?.allSupported === true;

/**
 * Makes the Region's configuration recorder record all supported resource types and starts it. It
 * fixes an existing recorder; creating one (a role, a delivery channel with its bucket) is the
 * owner's choice, so a missing recorder or delivery channel is refused with the reason. Undo puts
 * the recording group back and stops the recorder if it was stopped.
 */
export const configStartRecorder: EnforcementAction<Record<string, never>, State> = {
  name: 'config.start-recorder',
  description: 'Sets the configuration recorder to record all supported resource types and starts it (an existing recorder and delivery channel only).',
  schema: NoParams,
  resourceTypes: ['aws.config.recorder'],
  risk: 'safe',
  reversible: true,
  // PutConfigurationRecorder passes the recorder's (unchanged) role.
  permissions: [
    'config:DescribeConfigurationRecorders', 'config:DescribeConfigurationRecorderStatus', 'config:DescribeDeliveryChannels',
    'config:PutConfigurationRecorder', 'config:StartConfigurationRecorder', 'config:StopConfigurationRecorder', 'iam:PassRole',
  ],
  commands: [
    'config:DescribeConfigurationRecorders', 'config:DescribeConfigurationRecorderStatus', 'config:DescribeDeliveryChannels',
    'config:PutConfigurationRecorder', 'config:StartConfigurationRecorder', 'config:StopConfigurationRecorder',
  ],
  async read(ctx) {
    const config = ctx.aws.config();
    const name = arnName(ctx.resource.arn);
    const recorders = (await config.send(new DescribeConfigurationRecordersCommand({}))).ConfigurationRecorders ?? [];
    const recorder = recorders.find((r: ConfigurationRecorder) => r.name === name) ?? null;
    const status = recorder ? ((await config.send(new DescribeConfigurationRecorderStatusCommand({ ConfigurationRecorderNames: [name] }))).ConfigurationRecordersStatus?.[0] ?? null) : null;
    const channels = (await config.send(new DescribeDeliveryChannelsCommand({}))).DeliveryChannels ?? [];
    return { recorder, recording: status?.recording === true, deliveryChannels: channels.length };
  },
  compliant: (s) => allSupported(s.recorder) && s.recording,
  guard: (s, ctx) =>
    !s.recorder
      ? `there is no configuration recorder ${arnName(ctx.resource.arn)} in ${ctx.resource.region}: creating one (its role, its delivery channel) is for the owner`
      : !s.recording && s.deliveryChannels === 0
        ? 'the recorder has no delivery channel to start with: choosing its bucket is for the owner'
        : null,
  async apply(ctx, before) {
    const recorder = before.recorder as ConfigurationRecorder;
    const config = ctx.aws.config();
    if (!allSupported(recorder)) {
      const global = recorder.recordingGroup?.includeGlobalResourceTypes ?? true;
      await config.send(new PutConfigurationRecorderCommand({ ConfigurationRecorder: { name: recorder.name, roleARN: recorder.roleARN, recordingGroup: { allSupported: true, includeGlobalResourceTypes: global } } }));
    }
    if (!before.recording) await config.send(new StartConfigurationRecorderCommand({ ConfigurationRecorderName: recorder.name }));
  },
  async undo(ctx, before) {
    const recorder = before.recorder as ConfigurationRecorder;
    const config = ctx.aws.config();
    if (!allSupported(recorder)) await config.send(new PutConfigurationRecorderCommand({ ConfigurationRecorder: { name: recorder.name, roleARN: recorder.roleARN, recordingGroup: recorder.recordingGroup } }));
    if (!before.recording) await config.send(new StopConfigurationRecorderCommand({ ConfigurationRecorderName: recorder.name }));
  },
};
