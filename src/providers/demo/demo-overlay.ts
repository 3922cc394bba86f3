import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** One enforcement action that landed on the demo estate. */
export interface DemoOverlayEntry {
  arn: string;
  /** The action that changed it (`s3.block-public-access`). */
  action: string;
  /** The action's params (tags to set and the like). */
  params: Record<string, unknown>;
  at: string;
}

/**
 * The demo estate's changes: the demo is generated afresh on every scan, so what the enforcers did to
 * it is kept beside it and laid over what the generator makes (`DemoProvider`). An enforced resource
 * comes out as its owner-fixed self (the generator's typical, compliant draw) with any tags the action
 * set, so the next scan shows the violation resolved. Rollback removes the entry.
 *
 * @example
 * await overlay.add({ arn, action: 's3.block-public-access', params: {}, at });
 * (await overlay.entries()).get(arn); // [{ action: 's3.block-public-access', … }]
 */
export interface DemoOverlay {
  /** Where it is kept, for messages (`:memory:` when not on disk). */
  readonly where: string;
  /** Every entry, by ARN (a fresh read each call). */
  entries(): Promise<Map<string, DemoOverlayEntry[]>>;
  /** Records an action on a resource (replacing an earlier entry of the same action there). */
  add(entry: DemoOverlayEntry): Promise<void>;
  /** Forgets an action on a resource (a rollback). */
  remove(arn: string, action: string): Promise<void>;
}

const byArn = (list: readonly DemoOverlayEntry[]): Map<string, DemoOverlayEntry[]> => {
  const out = new Map<string, DemoOverlayEntry[]>();
  for (const e of list) out.set(e.arn, [...(out.get(e.arn) ?? []), e]);
  return out;
};

/** The overlay of an in-memory store: lives as long as the process. */
export class MemoryDemoOverlay implements DemoOverlay {
  readonly where = ':memory:';
  #list: DemoOverlayEntry[] = [];
  async entries(): Promise<Map<string, DemoOverlayEntry[]>> {
    return byArn(this.#list);
  }
  async add(entry: DemoOverlayEntry): Promise<void> {
    this.#list = [...this.#list.filter((e) => !(e.arn === entry.arn && e.action === entry.action)), structuredClone(entry)];
  }
  async remove(arn: string, action: string): Promise<void> {
    this.#list = this.#list.filter((e) => !(e.arn === arn && e.action === action));
  }
}

interface OverlayFile {
  version: 1;
  entries: DemoOverlayEntry[];
}

/**
 * The overlay as a JSON file beside the database (`vigil.db.demo-overlay.json`), so the scan worker
 * thread, `vigil worker --role enforcer:*` and the next `vigil start` all see it. Written whole to a
 * temporary file and renamed, so a crash leaves the old or the new file, never half of one; writes
 * within this process are serialised.
 */
export class FileDemoOverlay implements DemoOverlay {
  #writing: Promise<unknown> = Promise.resolve();
  constructor(readonly where: string) {}

  async entries(): Promise<Map<string, DemoOverlayEntry[]>> {
    return byArn(await this.#read());
  }

  add(entry: DemoOverlayEntry): Promise<void> {
    return this.#update((list) => [...list.filter((e) => !(e.arn === entry.arn && e.action === entry.action)), entry]);
  }

  remove(arn: string, action: string): Promise<void> {
    return this.#update((list) => list.filter((e) => !(e.arn === arn && e.action === action)));
  }

  async #read(): Promise<DemoOverlayEntry[]> {
    const text = await readFile(this.where, 'utf8').catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return null;
      throw e;
    });
    if (text === null) return [];
    const parsed = JSON.parse(text) as OverlayFile;
    if (parsed?.version !== 1 || !Array.isArray(parsed.entries)) throw new Error(`${this.where} is not a demo overlay file (version 1)`);
    return parsed.entries;
  }

  #update(change: (list: DemoOverlayEntry[]) => DemoOverlayEntry[]): Promise<void> {
    const next = this.#writing.then(async () => {
      const body: OverlayFile = { version: 1, entries: change(await this.#read()) };
      await mkdir(dirname(this.where), { recursive: true });
      const tmp = `${this.where}.${process.pid}.tmp`;
      await writeFile(tmp, `${JSON.stringify(body, null, 1)}\n`);
      await rename(tmp, this.where);
    });
    this.#writing = next.catch(() => undefined);
    return next;
  }
}
