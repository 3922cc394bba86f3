/**
 * Reads a string field of an API record, or a fallback when it is missing or not a string. Identity
 * functions run on records from any collector (and on hand-written test fixtures), so they must never
 * throw on a missing field.
 *
 * @example
 * configText({ Name: 'logs' }, 'Name'); // 'logs'
 * configText({}, 'Name', 'unknown');     // 'unknown'
 */
export const configText = (config: Record<string, unknown>, key: string, fallback = ''): string => {
  const v = config[key];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : fallback;
};
