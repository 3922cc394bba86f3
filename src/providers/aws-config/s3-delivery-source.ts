import type { Readable } from 'node:stream';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { isDeliveryFile, parseS3Location, type DeliveryObjectSource } from './delivery-object-source.js';

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
