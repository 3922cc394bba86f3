import { Type } from '@sinclair/typebox';
import type { NamedFilterDefinition } from '../named-filter.js';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter(isRecord) : []);

/** A basic event selector logging management events, reads and writes. */
const basicLogsAll = (s: Record<string, unknown>): boolean => s.IncludeManagementEvents === true && s.ReadWriteType === 'All';

/**
 * An advanced event selector logging management events with no `readOnly` field selector (a readOnly
 * selector keeps only reads or only writes) — the form CIS 3.1 asks for.
 */
const advancedLogsAll = (s: Record<string, unknown>): boolean => {
  const fields = list(s.FieldSelectors);
  const management = fields.some((f) => f.Field === 'eventCategory' && Array.isArray(f.Equals) && f.Equals.includes('Management'));
  return management && !fields.some((f) => f.Field === 'readOnly');
};

/**
 * The trail does not record every management event, reads and writes (GetEventSelectors): neither a
 * basic selector with `IncludeManagementEvents: true` and `ReadWriteType: All`, nor an advanced
 * selector on `eventCategory = Management` without a `readOnly` restriction.
 *
 * @example
 * { filter: cloudtrail-management-events-incomplete }
 */
export const cloudtrailManagementEventsIncompleteFilter: NamedFilterDefinition<Record<string, never>> = {
  name: 'cloudtrail-management-events-incomplete',
  description: 'The trail does not log all management events (read and write).',
  params: Type.Object({}),
  appliesTo: ['aws.cloudtrail.trail'],
  compile: () => (resource) => {
    const c = resource.config;
    if (list(c.EventSelectors).some(basicLogsAll) || list(c.AdvancedEventSelectors).some(advancedLogsAll)) return null;
    const advanced = Array.isArray(c.AdvancedEventSelectors) && c.AdvancedEventSelectors.length > 0;
    const path = advanced ? 'AdvancedEventSelectors' : 'EventSelectors';
    const actual = advanced ? c.AdvancedEventSelectors : (c.EventSelectors ?? null);
    return [{ path, expected: 'management events logged for reads and writes (ReadWriteType All)', actual }];
  },
  example: { filter: 'cloudtrail-management-events-incomplete' },
};
