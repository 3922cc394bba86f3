import { actionFamily, type EnforcementMessage } from '../violations/enforcement-message.js';
import type { OutboxStore } from '../store/ports/outbox-store.js';

/**
 * Where the manager hands an enforcement request when a ladder ends in `enforce:`. Called inside the
 * transaction of the step that decided it (`tx`), so the request is durable exactly when the violation
 * moves to `enforcing`. The bus (embedded or NATS) relays requests from the outbox to the action
 * family's topic; tests use the fake.
 *
 * @example
 * await requests.request(tx, [message], at);
 */
export interface EnforcementRequests {
  request(tx: { outbox: OutboxStore }, messages: EnforcementMessage[], at: string): Promise<void>;
}

/**
 * The default: requests become outbox rows (kind `enforcement`, topic = the action family), deduplicated
 * on the idempotency key, for the bus relay to publish.
 */
export class OutboxEnforcementRequests implements EnforcementRequests {
  async request(tx: { outbox: OutboxStore }, messages: EnforcementMessage[], at: string): Promise<void> {
    if (messages.length === 0) return;
    await tx.outbox.enqueue(messages.map((payload) => ({ kind: 'enforcement' as const, topic: actionFamily(payload.action), payload })), at);
  }
}

/** A fake that keeps what was requested, for unit tests (it ignores the transaction: nothing rolls it back). */
export class FakeEnforcementRequests implements EnforcementRequests {
  readonly requested: EnforcementMessage[] = [];
  async request(_tx: { outbox: OutboxStore }, messages: EnforcementMessage[]): Promise<void> {
    this.requested.push(...structuredClone(messages));
  }
}
