// Read-only by construction (issue 8, item 7): every SDK command a collector's source can send is
// declared in its `commands`, every declared command and IAM permission is a read, and every command
// has its permission. `vigil iam-policy` is generated from these declarations, so a lie here would
// either break the scan (a missing permission) or widen the role (a write).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { allResourceTypes } from '../../../inventory/resource-types/all-resource-types.js';
import type { ServiceCollector } from '../service-collector.js';
import { allCollectors } from './all-collectors.js';

const dir = new URL('.', import.meta.url).pathname;
const READ_OPERATION = /^(List|Describe|Get|BatchGet|Search)[A-Z]\w*$|^GenerateCredentialReport$/;

/** Every `FooCommand` imported (under any local alias) from an `@aws-sdk/client-*` package, with that package. */
export const sdkCommandImports = (source: string): { command: string; client: string }[] => {
  const out: { command: string; client: string }[] = [];
  for (const m of source.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'@aws-sdk\/client-([\w-]+)'/g)) {
    const client = m[2] as string;
    for (const spec of (m[1] as string).split(',')) {
      const original = spec.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0]?.trim() ?? '';
      if (/Command$/.test(original)) out.push({ command: original, client });
      // Paginators send their command too: paginateListBuckets sends ListBucketsCommand.
      if (/^paginate[A-Z]/.test(original)) out.push({ command: `${original.slice('paginate'.length)}Command`, client });
    }
  }
  return out;
};
export const sdkCommandsImported = (source: string): string[] => sdkCommandImports(source).map((i) => i.command);

/** The IAM service prefix of an SDK client package. */
const IAM_PREFIX: Record<string, string> = {
  's3-control': 's3',
  'elastic-load-balancing-v2': 'elasticloadbalancing',
  'cloudwatch-logs': 'logs',
  'config-service': 'config',
  accessanalyzer: 'access-analyzer',
};
// S3 reads are authorised by actions whose names differ from the operations.
const S3_ACTIONS: Record<string, string> = {
  's3/ListBuckets': 's3:ListAllMyBuckets',
  's3/ListObjectsV2': 's3:ListBucket',
  's3/GetPublicAccessBlock': 's3:GetBucketPublicAccessBlock',
  's3/GetBucketEncryption': 's3:GetEncryptionConfiguration',
  's3/GetObjectLockConfiguration': 's3:GetBucketObjectLockConfiguration',
  's3-control/GetPublicAccessBlock': 's3:GetAccountPublicAccessBlock',
};
const actionFor = ({ command, client }: { command: string; client: string }): string => {
  const op = command.replace(/Command$/, '');
  return S3_ACTIONS[`${client}/${op}`] ?? `${IAM_PREFIX[client] ?? client}:${op}`;
};

/** The source of a collector: the `*-collector.ts` file declaring its service, plus its helpers (`iam-*.ts` beside `iam-collector.ts`). */
const sourceOf = (c: ServiceCollector): string => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  const own = files.filter((f) => f.endsWith('-collector.ts') && readFileSync(join(dir, f), 'utf8').includes(`service: '${c.service}'`));
  assert.equal(own.length, 1, `exactly one collector file declares service ${c.service}`);
  const prefix = (own[0] as string).replace(/-collector\.ts$/, '');
  return files.filter((f) => f.startsWith(`${prefix}-`)).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
};

describe('collector declarations', () => {
  const collectors = allCollectors({ bottlerocketReports: { bucket: 'reports', prefix: 'cis' } });

  it('every SDK command a collector imports is declared in its commands, and nothing undeclared is listed', () => {
    const problems: string[] = [];
    for (const c of collectors) {
      const used = new Set(sdkCommandsImported(sourceOf(c)));
      for (const u of used) if (!c.commands.includes(u)) problems.push(`${c.service}: sends ${u} but does not declare it`);
      for (const d of c.commands) if (!used.has(d)) problems.push(`${c.service}: declares ${d} but never imports it`);
    }
    assert.deepEqual(problems, []);
  });

  it('declares only read operations and read-only IAM actions', () => {
    const problems: string[] = [];
    for (const c of collectors) {
      for (const cmd of c.commands) if (!READ_OPERATION.test(cmd.replace(/Command$/, ''))) problems.push(`${c.service}: ${cmd} is not a read`);
      for (const p of c.permissions) {
        const action = p.split(':')[1] ?? '';
        if (!/^[a-z0-9-]+:/.test(p) || !READ_OPERATION.test(action)) problems.push(`${c.service}: permission ${p} is not a read action`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('every command sent has its IAM permission, and no permission is declared that no command needs', () => {
    const problems: string[] = [];
    for (const c of collectors) {
      const needed = new Set(sdkCommandImports(sourceOf(c)).map(actionFor));
      for (const a of needed) if (!c.permissions.includes(a)) problems.push(`${c.service}: sends a command that needs ${a}, not declared`);
      for (const p of c.permissions) if (!needed.has(p)) problems.push(`${c.service}: declares ${p}, which no command needs`);
    }
    assert.deepEqual(problems, []);
  });

  it('collects only registered resource types, and every registered AWS type has a collector', () => {
    const registered = new Set(allResourceTypes().map((t) => t.type));
    const collected = new Set(collectors.flatMap((c) => c.types));
    assert.deepEqual([...collected].filter((t) => !registered.has(t)), []);
    assert.deepEqual([...registered].filter((t) => t.startsWith('aws.') && !collected.has(t)), []);
    // Bottlerocket reports are read only where the nodes publish them, so that collector exists only when configured.
    assert.equal(allCollectors().some((c) => c.types.includes('aws.bottlerocket.node-report')), false);
  });

  it('finds commands however they are imported (the check itself can fail)', () => {
    const src = "import {\n  GetPublicAccessBlockCommand as X,\n  paginateListBuckets,\n  type Bucket,\n} from '@aws-sdk/client-s3';\nimport { PutObjectCommand } from '@aws-sdk/client-s3';";
    assert.deepEqual(sdkCommandsImported(src), ['GetPublicAccessBlockCommand', 'ListBucketsCommand', 'PutObjectCommand']);
    assert.equal(READ_OPERATION.test('PutObject'), false);
    assert.equal(READ_OPERATION.test('GenerateCredentialReport'), true);
  });
});
