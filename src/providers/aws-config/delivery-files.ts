/** What a delivered file is, told from its name as AWS Config writes it. */
export interface DeliveryFile {
  key: string;
  kind: 'snapshot' | 'history' | 'unknown';
  /** `account|region` and the snapshot time, for snapshots named as AWS names them. */
  group?: string;
  time?: string;
}

// 111122223333_Config_eu-west-1_ConfigSnapshot_20261130T101500Z_0b4c…json.gz
const SNAPSHOT_NAME = /(\d{12})_Config_([a-z0-9-]+)_ConfigSnapshot_(\d{8}T\d{6}Z)_/;

/** Classifies a key: `ConfigSnapshot` and `ConfigHistory` appear in both the folder and the file name AWS uses. */
export const classifyDeliveryFile = (key: string): DeliveryFile => {
  const m = SNAPSHOT_NAME.exec(key);
  if (m) return { key, kind: 'snapshot', group: `${m[1]}|${m[2]}`, time: m[3] };
  if (/ConfigHistory/.test(key)) return { key, kind: 'history' };
  if (/ConfigSnapshot/.test(key)) return { key, kind: 'snapshot' };
  return { key, kind: 'unknown' };
};

/**
 * The files a scan reads: every history file, and per account and Region only the newest snapshot
 * (a delivery bucket keeps every snapshot Config ever wrote; older ones describe a past estate).
 * Snapshots and unnamed files first, history after, so history items are known before snapshots stream.
 *
 * @example
 * selectDeliveryFiles(['a/1_Config_eu-west-1_ConfigSnapshot_20261101T000000Z_x.json.gz', …]).superseded; // 1
 */
export const selectDeliveryFiles = (keys: readonly string[]): { history: DeliveryFile[]; snapshots: DeliveryFile[]; superseded: number } => {
  const files = keys.map(classifyDeliveryFile);
  const newest = new Map<string, DeliveryFile>();
  for (const f of files) {
    if (f.kind !== 'snapshot' || !f.group || !f.time) continue;
    const cur = newest.get(f.group);
    if (!cur || (cur.time as string) < f.time) newest.set(f.group, f);
  }
  const snapshots = files.filter((f) => f.kind === 'unknown' || (f.kind === 'snapshot' && (!f.group || newest.get(f.group) === f)));
  const superseded = files.filter((f) => f.kind === 'snapshot').length - snapshots.filter((f) => f.kind === 'snapshot').length;
  return { history: files.filter((f) => f.kind === 'history'), snapshots, superseded };
};
