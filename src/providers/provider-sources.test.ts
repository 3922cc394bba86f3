import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualClock } from '../common/clock.js';
import { UsageError } from '../common/vigil-error.js';
import { DEFAULT_CONFIG } from '../config/vigil-config.js';
import { createRegistries } from '../policies/registries.js';
import { createProvider } from './provider-factory.js';
import { PROVIDER_SOURCES, SOURCE_FORMS, SOURCE_PATTERN } from './provider-sources.js';

const build = (source: string) =>
  createProvider(source, { batchSize: DEFAULT_CONFIG.scan.batchSize, demo: DEFAULT_CONFIG.demo }, createRegistries().resourceTypes, new ManualClock('2026-11-22T00:00:00Z'));

describe('provider sources', () => {
  it('every source form the config accepts has a provider behind it', () => {
    for (const s of PROVIDER_SOURCES) {
      assert.match(s.example, new RegExp(SOURCE_PATTERN), s.form);
      assert.equal(build(s.example).name, s.example);
    }
  });

  it('a source no provider implements is refused by the config pattern and by the factory', () => {
    for (const source of ['aws', 'aws-config', 'aws-config:', 'file:', 'demo2']) {
      assert.doesNotMatch(source, new RegExp(SOURCE_PATTERN), source);
      assert.throws(() => build(source), (e: unknown) => e instanceof UsageError && e.message === `unknown source "${source}": use ${SOURCE_FORMS}`);
    }
  });
});
