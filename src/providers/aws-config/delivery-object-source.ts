import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
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

/**
 * Objects under an S3 prefix (ListObjectsV2, paginated), read with GetObject as streams; an `AWSLogs/`
 * prefix (or the bucket root) is walked by account into the `Config/` folders only. Needs only
 * s3:ListBucket on the prefix and s3:GetObject on its objects (plus kms:Decrypt when SSE-KMS).
 */
export class S3DeliverySource implements DeliveryObjectSource {
  readonly #bucket: string;
  readonly #prefix: string;

  constructor(
    readonly location: string,
    private readonly s3: S3Client,
  ) {
    ({ bucket: this.#bucket, prefix: this.#prefix } = parseS3Location(location));
  }

  async *list(): AsyncIterable<string> {
    if (this.#prefix === '') {
      // The bucket root: an AWSLogs/ folder is discovered by account, the rest listed in full.
      const { objects, folders } = await this.#level('');
      yield* objects;
      for (const f of folders) yield* f === 'AWSLogs/' ? this.#accounts(f) : this.#all(f);
    } else if (/(^|\/)AWSLogs\/?$/.test(this.#prefix)) {
      yield* this.#accounts(this.#prefix.endsWith('/') ? this.#prefix : `${this.#prefix}/`);
    } else yield* this.#all(this.#prefix);
  }

  /**
   * `AWSLogs/<account>/Config/` of each account (and of each organisation folder `o-…/`): listing the
   * whole AWSLogs/ tree of a log-archive bucket would page through every CloudTrail and flow log file.
   */
  async *#accounts(awsLogs: string): AsyncIterable<string> {
    const { folders } = await this.#level(awsLogs);
    for (const f of folders) {
      const last = f.slice(awsLogs.length);
      if (/^\d{12}\/$/.test(last)) yield* this.#all(`${f}Config/`);
      else if (/^o-[a-z0-9]+\/$/.test(last)) yield* this.#accounts(f);
    }
  }

  /** One level under a prefix: its objects and its sub-folders. */
  async #level(prefix: string): Promise<{ objects: string[]; folders: string[] }> {
    const objects: string[] = [];
    const folders: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.s3.send(new ListObjectsV2Command({ Bucket: this.#bucket, Prefix: prefix, Delimiter: '/', ContinuationToken: token }));
      for (const o of page.Contents ?? []) if (o.Key && isDeliveryFile(o.Key)) objects.push(o.Key);
      for (const p of page.CommonPrefixes ?? []) if (p.Prefix) folders.push(p.Prefix);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return { objects, folders };
  }

  async *#all(prefix: string): AsyncIterable<string> {
    let token: string | undefined;
    do {
      const page = await this.s3.send(new ListObjectsV2Command({ Bucket: this.#bucket, Prefix: prefix, ContinuationToken: token }));
      for (const o of page.Contents ?? []) if (o.Key && isDeliveryFile(o.Key)) yield o.Key;
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async open(key: string): Promise<Readable> {
    const res = await this.s3.send(new GetObjectCommand({ Bucket: this.#bucket, Key: key }));
    if (!res.Body) throw new Error(`s3://${this.#bucket}/${key}: empty response body`);
    return res.Body as Readable;
  }
}
