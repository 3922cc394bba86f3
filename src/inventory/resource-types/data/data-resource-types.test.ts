import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ResourceTypeRegistry } from '../../resource-type-registry.js';
import { dataResourceTypes } from './index.js';

const where = { accountId: '111122223333', region: 'eu-west-1' };

describe('data resource types', () => {
  it('register without duplicates and identify their own examples with a non-empty id and ARN', () => {
    const registry = new ResourceTypeRegistry(dataResourceTypes);
    assert.equal(registry.names().length, 15);
    for (const def of dataResourceTypes) {
      const id = def.identity(def.example, where);
      assert.ok(id.id && id.arn.startsWith('arn:aws:'), `${def.type}: ${JSON.stringify(id)}`);
      assert.equal(typeof def.tags(def.example), 'object');
    }
  });

  it('never throw on an empty record (collectors and fixtures may send partial JSON)', () => {
    for (const def of dataResourceTypes) assert.doesNotThrow(() => (def.identity({}, where), def.tags({})), def.type);
  });

  it('read each service own tag shape: S3 TagSet, KMS TagKey/TagValue, RDS TagList, CloudWatch Logs map', () => {
    const get = (t: string) => dataResourceTypes.find((d) => d.type === t)!;
    assert.deepEqual(get('aws.s3.bucket').tags({ TagSet: [{ Key: 'owner', Value: 'payments' }] }), { owner: 'payments' });
    assert.deepEqual(get('aws.kms.key').tags({ Tags: [{ TagKey: 'owner', TagValue: 'risk' }] }), { owner: 'risk' });
    assert.deepEqual(get('aws.rds.db-instance').tags({ TagList: [{ Key: 'backup', Value: 'db_30_365_2555' }] }), { backup: 'db_30_365_2555' });
    assert.deepEqual(get('aws.logs.log-group').tags({ tags: { owner: 'checkout' } }), { owner: 'checkout' });
  });

  it('give a Region without a Config recorder its own stable identity, and the log group its ARN without ":*"', () => {
    const recorder = dataResourceTypes.find((d) => d.type === 'aws.config.recorder')!;
    assert.equal(recorder.identity({}, where).arn, 'arn:aws:config:eu-west-1:111122223333:config-recorder/(none)');
    const logs = dataResourceTypes.find((d) => d.type === 'aws.logs.log-group')!;
    assert.equal(logs.identity({ logGroupName: '/app/x', arn: 'arn:aws:logs:eu-west-1:111122223333:log-group:/app/x:*' }, where).arn, 'arn:aws:logs:eu-west-1:111122223333:log-group:/app/x');
  });

  it('derive a listener id from its ARN', () => {
    const l = dataResourceTypes.find((d) => d.type === 'aws.elbv2.listener')!;
    const id = l.identity({ ListenerArn: 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/web/50dc/f2f7', Port: 443 }, where);
    assert.deepEqual(id, { id: 'app/web/50dc/f2f7', arn: 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/web/50dc/f2f7', name: 'web:443' });
  });
});
