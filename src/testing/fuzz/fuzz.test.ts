// Every input a user or the cloud hands Vigil, fuzzed with a fixed seed on every run (CI included):
// no crash, no stack trace, a located message or a quarantined record, nothing half-written.
// `npm run fuzz` runs the same properties 100,000 times with a fresh seed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runFuzz } from './run-fuzz.js';

const SEED = Number(process.env['FUZZ_SEED'] ?? 20261203);
const TOTAL = Number(process.env['FUZZ_TEST_RUNS'] ?? 1_500);

describe(`fuzzing (seed ${SEED}, ${TOTAL} cases)`, () => {
  for (const only of ['policy YAML', 'config file', 'environment', 'inventory records', 'API query parameters', 'CLI flags']) {
    it(`${only}: no crash, every problem located`, async () => {
      const results = await runFuzz({ total: TOTAL, seed: SEED, only });
      assert.equal(results.length, 1);
      assert.equal(results[0]!.failure, undefined, results[0]!.failure);
    });
  }
});
