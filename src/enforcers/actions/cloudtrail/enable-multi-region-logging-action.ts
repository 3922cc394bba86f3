import {
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  PutEventSelectorsCommand,
  StartLoggingCommand,
  StopLoggingCommand,
  type AdvancedEventSelector,
  type EventSelector,
} from '@aws-sdk/client-cloudtrail';
import type { ActionContext, EnforcementAction } from '../../enforcement-action.js';
import { NoParams } from '../action-helpers.js';
import { getTrail, updateTrail } from './trail.js';

type State = {
  multiRegion: boolean;
  globalEvents: boolean;
  logging: boolean;
  /** The trail uses one kind of selector or the other, never both. */
  eventSelectors: EventSelector[] | null;
  advancedEventSelectors: AdvancedEventSelector[] | null;
};

const MANAGEMENT_ALL: AdvancedEventSelector = { Name: 'Management events (Vigil)', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] };

/** Whether the selectors record every management event (read and write, no source excluded). */
const allManagementEvents = (s: State): boolean =>
  s.advancedEventSelectors
    ? s.advancedEventSelectors.some((a) => {
        const f = a.FieldSelectors ?? [];
        return f.some((x) => x.Field === 'eventCategory' && x.Equals?.includes('Management')) && f.every((x) => x.Field === 'eventCategory');
      })
    : (s.eventSelectors ?? []).some((e) => e.IncludeManagementEvents !== false && (e.ReadWriteType ?? 'All') === 'All' && !(e.ExcludeManagementEventSources ?? []).length);

const readTrail = async (ctx: ActionContext<Record<string, never>>): Promise<State> => {
  const ct = ctx.aws.cloudtrail();
  const trail = await getTrail(ctx);
  const status = await ct.send(new GetTrailStatusCommand({ Name: ctx.resource.arn }));
  const sel = await ct.send(new GetEventSelectorsCommand({ TrailName: ctx.resource.arn }));
  return {
    multiRegion: trail.IsMultiRegionTrail === true,
    globalEvents: trail.IncludeGlobalServiceEvents === true,
    logging: status.IsLogging === true,
    eventSelectors: sel.AdvancedEventSelectors?.length ? null : (sel.EventSelectors ?? []),
    advancedEventSelectors: sel.AdvancedEventSelectors?.length ? sel.AdvancedEventSelectors : null,
  };
};

/**
 * Makes a trail multi-Region (with global service events), records all management events and starts
 * it. Event selectors are added to, never replaced: a selector for all management events is appended
 * (advanced or basic, as the trail uses), so data-event selectors stay as they were. Undo restores
 * the Region setting, the selectors and the logging state.
 */
export const cloudtrailEnableMultiRegionLogging: EnforcementAction<Record<string, never>, State> = {
  name: 'cloudtrail.enable-multi-region-logging',
  description: 'Makes the trail multi-Region, adds a selector recording all management events (keeping the others) and starts logging.',
  schema: NoParams,
  resourceTypes: ['aws.cloudtrail.trail'],
  risk: 'safe',
  reversible: true,
  permissions: ['cloudtrail:GetTrail', 'cloudtrail:GetTrailStatus', 'cloudtrail:GetEventSelectors', 'cloudtrail:UpdateTrail', 'cloudtrail:PutEventSelectors', 'cloudtrail:StartLogging', 'cloudtrail:StopLogging'],
  commands: ['cloudtrail:GetTrail', 'cloudtrail:GetTrailStatus', 'cloudtrail:GetEventSelectors', 'cloudtrail:UpdateTrail', 'cloudtrail:PutEventSelectors', 'cloudtrail:StartLogging', 'cloudtrail:StopLogging'],
  read: readTrail,
  compliant: (s) => s.multiRegion && s.logging && allManagementEvents(s),
  async apply(ctx, before) {
    const ct = ctx.aws.cloudtrail();
    const TrailName = ctx.resource.arn;
    if (!before.multiRegion) await updateTrail(ctx, { IsMultiRegionTrail: true, IncludeGlobalServiceEvents: true });
    if (!allManagementEvents(before)) {
      if (before.advancedEventSelectors) await ct.send(new PutEventSelectorsCommand({ TrailName, AdvancedEventSelectors: [...before.advancedEventSelectors, MANAGEMENT_ALL] }));
      else await ct.send(new PutEventSelectorsCommand({ TrailName, EventSelectors: [...(before.eventSelectors ?? []), { ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [] }] }));
    }
    if (!before.logging) await ct.send(new StartLoggingCommand({ Name: TrailName }));
  },
  async undo(ctx, before) {
    const ct = ctx.aws.cloudtrail();
    const TrailName = ctx.resource.arn;
    if (!before.multiRegion) await updateTrail(ctx, { IsMultiRegionTrail: false, IncludeGlobalServiceEvents: before.globalEvents });
    if (!allManagementEvents(before)) {
      await ct.send(new PutEventSelectorsCommand(before.advancedEventSelectors ? { TrailName, AdvancedEventSelectors: before.advancedEventSelectors } : { TrailName, EventSelectors: before.eventSelectors ?? [] }));
    }
    if (!before.logging) await ct.send(new StopLoggingCommand({ Name: TrailName }));
  },
};
