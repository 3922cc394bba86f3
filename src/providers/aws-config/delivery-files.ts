/** What a delivered file is, told from its name as AWS Config writes it. */
export interface DeliveryFile {
  key: string;
  kind: 'snapshot' | 'history' | 'unknown';
  /** `account|region` and the snapshot time (a history file's period end), for files named as AWS names them. */
  group?: string;
  time?: string;
}

// 111122223333_Config_eu-west-1_ConfigSnapshot_20261130T101500Z_0b4c…json.gz
const SNAPSHOT_NAME = /(\d{12})_Config_([a-z0-9-]+)_ConfigSnapshot_(\d{8}T\d{6}Z)_/;
// 111122223333_Config_eu-west-1_ConfigHistory_AWS::S3::Bucket_20261130T120000Z_20261130T130000Z_1.json.gz
const HISTORY_NAME = /(\d{12})_Config_([a-z0-9-]+)_ConfigHistory_.+_(\d{8}T\d{6}Z)_(\d{8}T\d{6}Z)_\d+\.json/;

/**
 * Whether a key may be a Config delivery: under an `AWSLogs/` layout only the `Config/` folders are (the
 * same log-archive bucket usually holds millions of CloudTrail, flow log and ELB log files); elsewhere
 * (an export directory) every JSON file is.
 * @example isConfigDeliveryKey('AWSLogs/111122223333/CloudTrail/eu-west-1/2026/11/30/x.json.gz'); // false
 */
export const isConfigDeliveryKey = (key: string): boolean => !/(^|\/)AWSLogs\//.test(key) || /(^|\/)AWSLogs\/(o-[a-z0-9]+\/)?\d{12}\/Config\//.test(key);

/** Classifies a key: `ConfigSnapshot` and `ConfigHistory` appear in both the folder and the file name AWS uses. */
export const classifyDeliveryFile = (key: string): DeliveryFile => {
  const m = SNAPSHOT_NAME.exec(key);
  if (m) return { key, kind: 'snapshot', group: `${m[1]}|${m[2]}`, time: m[3] };
  const h = HISTORY_NAME.exec(key);
  // A history file's time is the end of the period it covers.
  if (h) return { key, kind: 'history', group: `${h[1]}|${h[2]}`, time: h[4] };
  if (/ConfigHistory/.test(key)) return { key, kind: 'history' };
  if (/ConfigSnapshot/.test(key)) return { key, kind: 'snapshot' };
  return { key, kind: 'unknown' };
};

/**
 * The files a scan reads: per account and Region only the newest snapshot (a delivery bucket keeps every
 * snapshot Config ever wrote; older ones describe a past estate) and the history files whose period
 * ends after it (older history is already in that snapshot; a bucket holds years of it). Without a
 * snapshot for an account and Region, all of its history is read. Files AWS did not name are all read.
 *
 * @example
 * selectDeliveryFiles([older snapshot, newer snapshot, history before the newer one]).superseded; // 2
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
  const history = files.filter((f) => {
    if (f.kind !== 'history') return false;
    const snap = f.group ? newest.get(f.group) : undefined;
    return !snap || !f.time || (f.time as string) > (snap.time as string);
  });
  const superseded = files.length - snapshots.length - history.length;
  return { history, snapshots, superseded };
};
