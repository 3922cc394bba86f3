import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { UsageError } from '../../common/vigil-error.js';

/**
 * Where delivered files live: a local directory (or one file) or an S3 prefix. Keys are the paths
 * shown in quarantine records (`AWSLogs/111122223333/Config/eu-west-1/…/x.json.gz`).
 *
 * @example
 * for await (const key of source.list()) await consume(await source.open(key));
 */
export interface DeliveryObjectSource {
  /** `dir`, `file` or `s3://bucket/prefix`, as the user wrote it. */
  readonly location: string;
  list(): AsyncIterable<string>;
  open(key: string): Promise<Readable>;
}

/** Files Config (and the Bottlerocket report job) deliver; anything else under the prefix is ignored. */
export const isDeliveryFile = (key: string): boolean => /\.json(\.gz)?$/i.test(key);

/** A local directory walked recursively (sorted, so scans are reproducible), or a single file (its name is the key). */
export class LocalDeliverySource implements DeliveryObjectSource {
  /** The directory keys are relative to: the location, or a single file's directory. */
  #root: string;

  constructor(readonly location: string) {
    this.#root = location;
  }

  async *list(): AsyncIterable<string> {
    const s = await stat(this.location).catch(() => undefined);
    if (!s) throw new UsageError(`cannot read ${this.location}: no such file or directory`);
    if (s.isFile()) {
      this.#root = dirname(this.location);
      yield basename(this.location);
      return;
    }
    const walk = async function* (dir: string): AsyncIterable<string> {
      const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
      for (const e of entries) {
        const p = join(dir, e.name);
        if (e.isDirectory()) yield* walk(p);
        else if (e.isFile() && isDeliveryFile(e.name)) yield p;
      }
    };
    for await (const p of walk(this.location)) yield relative(this.location, p).split(sep).join('/');
  }

  async open(key: string): Promise<Readable> {
    return createReadStream(join(this.#root, key));
  }
}

/** `s3://bucket/prefix` → bucket and prefix; a usage error otherwise. */
export const parseS3Location = (location: string): { bucket: string; prefix: string } => {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(location);
  if (!m || !m[1]) throw new UsageError(`"${location}" is not an S3 location: use s3://bucket/prefix`);
  return { bucket: m[1], prefix: m[2] ?? '' };
};
