import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from '../common/registry.js';
import { allNotifiers } from '../notifications/all-notifiers.js';
import type { Notification, NotificationItem } from '../notifications/notification.js';
import type { Notifier, NotifierRegistry } from '../notifications/notifier.js';
import { notificationKey } from '../notifications/notification.js';

/** A reminder item for tests; the bucket name is hostile on purpose (renderers must escape it). */
export const reminderItem = (over: Partial<NotificationItem> & { violationId?: string } = {}): NotificationItem => {
  const violationId = over.violationId ?? 'v-3f2a';
  const ladderStep = over.ladderStep ?? 2;
  return {
    violationId,
    ladderStep,
    dedupeKey: notificationKey(violationId, ladderStep),
    policyId: 's3-bucket-public-access-block',
    title: 'S3 buckets block all public access',
    severity: 'high',
    resource: { arn: 'arn:aws:s3:::payments-raw-7<script>alert(1)</script>', type: 'aws.s3.bucket', accountId: '111122223333', region: 'eu-west-1' },
    evidence: [{ path: 'PublicAccessBlockConfiguration.BlockPublicAcls', expected: '= true', actual: false }],
    guidance: 'Turn on all four Block Public Access settings.',
    deadline: '2026-12-09T10:00:00.000Z',
    nextAction: { kind: 'enforce', action: 's3.block-public-access', description: 'Block Public Access will be turned on for bucket `payments-raw-7`' },
    exceptionHowTo: 'To request an exception, add a file under exceptions/ and run `vigil validate`.',
    ...over,
  };
};

/** A digest for `recipient` with the given items (default: one hostile-named bucket). */
export const digestFor = (recipient: string, items: NotificationItem[] = [reminderItem()]): Notification => ({
  recipient,
  runAt: '2026-12-03T10:00:00.000Z',
  items,
});

/** The shipped notifiers in a registry, as the composition root builds them, with secrets from `env`. */
export const testNotifiers = (env: Record<string, string> = {}, timeoutMs = 5_000): NotifierRegistry =>
  new Registry<Notifier>('notifier', allNotifiers({ env, timeoutMs, fileOutboxDir: join(tmpdir(), 'vigil-test-outbox') }));
