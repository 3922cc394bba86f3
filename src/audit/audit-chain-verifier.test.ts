import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { auditHash } from './audit-hash.js';
import { GENESIS_HASH, type AuditEvent, type AuditEventInput } from './audit-event.js';
import { verifyAuditChain } from './audit-chain-verifier.js';

// Known-answer vectors, computed outside Vigil (Python's hashlib):
//   sha256('\0'.join([prevHash, seq, at, type, subjectKind, subjectId, actor, canonical data JSON]))
// If these change, every audit trail already written stops verifying: the hash format is a contract.
const FIRST: AuditEventInput = {
  type: 'violation.opened',
  subjectKind: 'violation',
  subjectId: 'v-1',
  actor: 'scanner',
  at: '2026-01-01T00:00:00.000Z',
  data: { policyId: 'p', evidence: [{ path: 'A.B' }] },
};
const FIRST_HASH = 'dc555fced081365213f76302706dd5f92c8c0ca15e120f13e3b56596e94c23b2';
const SECOND: AuditEventInput = { type: 'violation.resolved', subjectKind: 'violation', subjectId: 'v-1', actor: 'scanner', at: '2026-01-02T00:00:00.000Z', data: { reason: 'passes' } };
const SECOND_HASH = '1a6ff15d3d8f32307185b2ac24903f0307a14585dbaa3d61fe09ce5f29f3c74f';

const chain = (inputs: AuditEventInput[]): AuditEvent[] => {
  let prev = GENESIS_HASH;
  return inputs.map((e, i) => {
    const hash = auditHash(prev, i + 1, e);
    const out = { ...e, seq: i + 1, prevHash: prev, hash };
    prev = hash;
    return out;
  });
};

describe('audit hash chain', () => {
  it('hashes to the known-answer vectors (data keys in any order)', () => {
    assert.equal(auditHash(GENESIS_HASH, 1, FIRST), FIRST_HASH);
    assert.equal(auditHash(GENESIS_HASH, 1, { ...FIRST, data: { evidence: [{ path: 'A.B' }], policyId: 'p' } }), FIRST_HASH);
    assert.equal(auditHash(FIRST_HASH, 2, SECOND), SECOND_HASH);
  });

  const events = chain(Array.from({ length: 12 }, (_, i) => ({ ...SECOND, subjectId: `v-${i}`, data: { n: i } })));

  it('verifies an untouched chain to its head', () => {
    const v = verifyAuditChain(events);
    assert.deepEqual([v.ok, v.checked, v.head], [true, 12, events[11]!.hash]);
  });

  it('names the record whose content was edited', () => {
    const edited = events.map((e) => (e.seq === 5 ? { ...e, data: { n: 99 } } : e));
    assert.deepEqual(verifyAuditChain(edited).firstBreak?.seq, 5);
    assert.equal(verifyAuditChain(edited).firstBreak?.reason, 'changed');
    const actor = events.map((e) => (e.seq === 7 ? { ...e, actor: 'user:mallory' } : e));
    assert.deepEqual([verifyAuditChain(actor).firstBreak?.seq, verifyAuditChain(actor).checked], [7, 6]);
  });

  it('names a deleted record, even when the rest is re-numbered and re-hashed after it', () => {
    const deleted = events.filter((e) => e.seq !== 4);
    assert.deepEqual(verifyAuditChain(deleted).firstBreak, { seq: 4, reason: 'missing', detail: '1 record missing before seq 5' });
    // A forger who renumbers the tail still cannot link it to seq 3 without the hash of the deleted record.
    const renumbered = deleted.map((e) => (e.seq > 4 ? { ...e, seq: e.seq - 1 } : e));
    assert.equal(verifyAuditChain(renumbered).firstBreak?.seq, 4);
    assert.equal(verifyAuditChain(renumbered).firstBreak?.reason, 'unlinked');
  });

  it('catches two records swapped, in storage order or in content', () => {
    const order = [...events];
    [order[2], order[8]] = [order[8]!, order[2]!];
    assert.equal(verifyAuditChain(order).ok, false);
    assert.equal(verifyAuditChain(order).firstBreak?.seq, 3);
    const content = events.map((e) => (e.seq === 3 ? { ...events[8]!, seq: 3 } : e.seq === 9 ? { ...events[2]!, seq: 9 } : e));
    assert.equal(verifyAuditChain(content).firstBreak?.seq, 3);
  });

  it('catches a record moved backwards', () => {
    const moved = [...events.slice(0, 6), events[1]!, ...events.slice(6)];
    assert.deepEqual(verifyAuditChain(moved).firstBreak?.reason, 'reordered');
  });
});
