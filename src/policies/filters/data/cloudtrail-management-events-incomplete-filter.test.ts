import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aContext, aResource } from '../../../testing/resource-fixture.js';
import { cloudtrailManagementEventsIncompleteFilter } from './cloudtrail-management-events-incomplete-filter.js';

const run = (config: Record<string, unknown>) => cloudtrailManagementEventsIncompleteFilter.compile({})(aResource(config, { type: 'aws.cloudtrail.trail' }), aContext());

describe('cloudtrail-management-events-incomplete', () => {
  it('passes a basic selector logging all management events', () => {
    assert.equal(run({ EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }] }), null);
  });

  it('fails write-only or management-excluded basic selectors', () => {
    assert.notEqual(run({ EventSelectors: [{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true }] }), null);
    assert.notEqual(run({ EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: false }] }), null);
  });

  it('passes an advanced management selector without readOnly, fails one with it', () => {
    const mgmt = { Field: 'eventCategory', Equals: ['Management'] };
    assert.equal(run({ AdvancedEventSelectors: [{ Name: 'm', FieldSelectors: [mgmt] }] }), null);
    const ev = run({ AdvancedEventSelectors: [{ Name: 'm', FieldSelectors: [mgmt, { Field: 'readOnly', Equals: ['false'] }] }] });
    assert.equal(ev?.[0]?.path, 'AdvancedEventSelectors');
  });

  it('fails when no selectors were recorded', () => assert.equal(run({})?.[0]?.path, 'EventSelectors'));
});
