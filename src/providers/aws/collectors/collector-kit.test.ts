import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { s3BucketType } from '../../../inventory/resource-types/data/s3-bucket-type.js';
import type { CollectContext } from '../service-collector.js';
import { detail, essential, pages, parseDocument, plain, toResource, type Problem } from './collector-kit.js';

/** A scope whose limiter counts the calls it runs, as the provider's per-service limiter would. */
const scope = (): CollectContext & { calls: number } => {
  const ctx = {
    accountId: '111122223333',
    region: 'eu-west-1',
    partition: 'aws' as const,
    clientConfig: { region: 'eu-west-1', retryMode: 'standard' as const, maxAttempts: 1 },
    observedAt: '2026-12-01T00:00:00.000Z',
    calls: 0,
    limit: <T>(fn: () => Promise<T>) => {
      ctx.calls++;
      return fn();
    },
  };
  return ctx;
};
const awsError = (name: string, message = name) => Object.assign(new Error(message), { name });

describe('collector kit', () => {
  it('plain() turns SDK output into the JSON policies read: ISO dates, no $metadata, no undefined fields', () => {
    assert.deepEqual(plain({ CreateDate: new Date('2026-01-02T03:04:05Z'), Gone: undefined, $metadata: { httpStatusCode: 200 }, Nested: [{ At: new Date(0) }] }), {
      CreateDate: '2026-01-02T03:04:05.000Z',
      Nested: [{ At: '1970-01-01T00:00:00.000Z' }],
    });
    assert.deepEqual(plain(undefined), {});
  });

  it('parseDocument() reads JSON and IAM\'s URL-encoded JSON, and keeps what is not JSON as it came', () => {
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
    assert.deepEqual(parseDocument(JSON.stringify(doc)), doc);
    assert.deepEqual(parseDocument(encodeURIComponent(JSON.stringify(doc)), true), doc);
    assert.equal(parseDocument('not json'), 'not json');
  });

  it('detail(): a "not configured" answer is absent, any other failure is a problem naming the call and resource', async () => {
    const ctx = scope();
    const problems: Problem[] = [];
    const arn = 'arn:aws:s3:::b';
    const absent = await detail(ctx, problems, { operation: 's3:GetBucketPolicy', resourceArn: arn, absent: ['NoSuchBucketPolicy'] }, () => Promise.reject(awsError('NoSuchBucketPolicy')));
    const denied = await detail(ctx, problems, { operation: 's3:GetBucketPolicy', resourceArn: arn, absent: ['NoSuchBucketPolicy'] }, () => Promise.reject(awsError('AccessDenied', 'not authorized')));
    const ok = await detail(ctx, problems, { operation: 's3:GetBucketAcl' }, () => Promise.resolve(42));
    assert.deepEqual([absent, denied, ok], [undefined, undefined, 42]);
    assert.deepEqual(problems, [{ resourceArn: arn, operation: 's3:GetBucketPolicy', reason: 'AccessDenied: not authorized' }]);
    assert.equal(ctx.calls, 3, 'every detail call runs under the limiter');
  });

  it('essential(): a resource deleted since the listing is skipped; any other failure throws, named by its IAM action', async () => {
    const ctx = scope();
    assert.equal(await essential(ctx, 'dynamodb:DescribeTable', () => Promise.reject(awsError('ResourceNotFoundException'))), undefined);
    await assert.rejects(
      essential(ctx, 'dynamodb:DescribeTable', () => Promise.reject(awsError('AccessDeniedException', 'no'))),
      (e: Error & { operation?: string }) => e.operation === 'dynamodb:DescribeTable' && e.message === 'dynamodb:DescribeTable: AccessDeniedException: no',
    );
  });

  it('pages() follows tokens page by page, stops on a repeated token, and names the action when a page fails', async () => {
    const ctx = scope();
    const answers: Record<string, { items: number[]; next?: string }> = { start: { items: [1, 2], next: 'a' }, a: { items: [3], next: 'b' }, b: { items: [4], next: 'a' } };
    const seen: number[][] = [];
    for await (const p of pages(ctx, 'kms:ListKeys', (t) => Promise.resolve(answers[t ?? 'start'] as { items: number[]; next?: string }), (p) => p.next)) seen.push(p.items);
    assert.deepEqual(seen, [[1, 2], [3], [4]]);
    assert.equal(ctx.calls, 3);
    const failing = pages(ctx, 'backup:ListLegalHolds', () => Promise.reject(awsError('AccessDeniedException', 'denied')), () => undefined);
    await assert.rejects(failing.next(), (e: Error) => e.message === 'backup:ListLegalHolds: AccessDeniedException: denied');
  });

  it('toResource() takes identity and tags from the resource type, so live and demo records agree', () => {
    const r = toResource(s3BucketType, scope(), { Name: 'logs', TagSet: [{ Key: 'owner', Value: 'ops' }] }, 'eu-central-1');
    assert.deepEqual(
      { id: r.id, arn: r.arn, name: r.name, region: r.region, tags: r.tags, type: r.type, accountId: r.accountId, observedAt: r.observedAt },
      { id: 'logs', arn: 'arn:aws:s3:::logs', name: 'logs', region: 'eu-central-1', tags: { owner: 'ops' }, type: 'aws.s3.bucket', accountId: '111122223333', observedAt: '2026-12-01T00:00:00.000Z' },
    );
  });
});
