import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyDeliveryFile, isConfigDeliveryKey, selectDeliveryFiles } from './delivery-files.js';

const A = '111122223333';
const snap = (region: string, time: string) => `AWSLogs/${A}/Config/${region}/x/ConfigSnapshot/${A}_Config_${region}_ConfigSnapshot_${time}_abc.json.gz`;
const hist = (region: string, from: string, to: string) => `AWSLogs/${A}/Config/${region}/x/ConfigHistory/${A}_Config_${region}_ConfigHistory_AWS::S3::Bucket_${from}_${to}_1.json.gz`;

describe('selectDeliveryFiles', () => {
  it('reads per account and Region the newest snapshot and the history after it; everything AWS did not name', () => {
    const keys = [
      snap('eu-west-1', '20261101T000000Z'),
      snap('eu-west-1', '20261130T000000Z'),
      hist('eu-west-1', '20261129T000000Z', '20261129T060000Z'),
      hist('eu-west-1', '20261130T060000Z', '20261130T120000Z'),
      hist('us-east-1', '20250101T000000Z', '20250101T060000Z'),
      'exports/unpacked.json',
      'AWSLogs/x/ConfigHistory/renamed.json',
    ];
    const s = selectDeliveryFiles(keys);
    assert.deepEqual(s.snapshots.map((f) => f.key), [keys[1], keys[5]]);
    assert.deepEqual(s.history.map((f) => f.key), [keys[3], keys[4], keys[6]], 'no snapshot for us-east-1: all its history');
    assert.equal(s.superseded, 2);
  });

  it('tells snapshots from history by the names AWS writes', () => {
    assert.deepEqual(classifyDeliveryFile(snap('eu-west-1', '20261130T000000Z')), { key: snap('eu-west-1', '20261130T000000Z'), kind: 'snapshot', group: `${A}|eu-west-1`, time: '20261130T000000Z' });
    assert.equal(classifyDeliveryFile(hist('eu-west-1', '20261130T000000Z', '20261130T060000Z')).time, '20261130T060000Z');
    assert.equal(classifyDeliveryFile('a/ConfigSnapshot/x.json').kind, 'snapshot');
    assert.equal(classifyDeliveryFile('dump.json').kind, 'unknown');
  });
});

describe('isConfigDeliveryKey', () => {
  it('reads only the Config folders of an AWSLogs layout, and any JSON elsewhere', () => {
    assert.equal(isConfigDeliveryKey(snap('eu-west-1', '20261130T000000Z')), true);
    assert.equal(isConfigDeliveryKey(`prefix/AWSLogs/o-abc123/${A}/Config/eu-west-1/x.json.gz`), true, 'organization trail layout');
    assert.equal(isConfigDeliveryKey(`AWSLogs/${A}/CloudTrail/eu-west-1/2026/11/30/x.json.gz`), false);
    assert.equal(isConfigDeliveryKey(`AWSLogs/${A}/vpcflowlogs/eu-west-1/x.log.gz`), false);
    assert.equal(isConfigDeliveryKey('exports/snapshot.json'), true);
  });
});
