import { AckPolicy, connect, DeliverPolicy, headers, JSONCodec, nanos, RetentionPolicy, StorageType, type ConnectionOptions, type JetStreamClient, type JetStreamManager, type JsMsg, type NatsConnection } from 'nats';
import { iso, type Clock } from '../../common/clock.js';
import { UsageError } from '../../common/vigil-error.js';
import { checkedFamily, DEFAULT_ACK_WAIT_MS, DEFAULT_MAX_DELIVER, type Bus, type BusDelivery, type BusOptions, type DeadLetter, type FetchOptions, type PublishResult } from '../bus.js';
import { actionFamily, type EnforcementMessage } from '../../violations/enforcement-message.js';

export interface NatsBusOptions extends BusOptions {
  /** `nats://127.0.0.1:4222` (comma-separated for a cluster). */
  readonly servers: string;
  /** The environment: stream `VIGIL_<ENV>`, subjects `vigil.<env>.…`. Lower-case letters, digits, dashes. */
  readonly environment: string;
  /** Credentials of this component (see deploy/nats/accounts.conf); absent for an open server. */
  readonly user?: string;
  readonly pass?: string;
  /** Shown in the server's connection list. */
  readonly name?: string;
  /** How long the stream recognises a repeated idempotency key (ms, default 24 h). */
  readonly duplicateWindowMs?: number;
}

const ENV_PATTERN = /^[a-z0-9][a-z0-9-]{0,30}$/;

/** Subject and stream names of one environment: what accounts.conf grants and the bus uses. */
export const natsNames = (environment: string) => {
  if (!ENV_PATTERN.test(environment)) throw new UsageError(`bus environment "${environment}" must be lower-case letters, digits and dashes`, { field: 'bus.environment' });
  return {
    stream: `VIGIL_${environment.toUpperCase().replaceAll('-', '_')}`,
    enforce: (family: string) => `vigil.${environment}.enforce.${family}`,
    dead: (family: string) => `vigil.${environment}.dead.${family}`,
    consumer: (family: string) => `enforcer-${family}`,
  };
};

interface DeadLetterBody {
  message: EnforcementMessage;
  reason: string;
  attempts: number;
  at: string;
}

const codec = JSONCodec<unknown>();

/**
 * Headers of a deferred copy (see `defer`): JetStream counts every delivery, a nak with a delay too,
 * so a deferral is a fresh copy that carries the deliveries already counted and when it is due.
 */
const H_PRIOR = 'Vigil-Prior-Attempts';
const H_DEFERRALS = 'Vigil-Deferrals';
const H_NOT_BEFORE = 'Vigil-Not-Before';

/**
 * The scale-out bus: NATS JetStream. One stream per environment holding `vigil.<env>.enforce.<family>`
 * and `vigil.<env>.dead.<family>`; one durable pull consumer per family with explicit acks; the
 * idempotency key is the `Nats-Msg-Id`, so the stream drops a re-published message. The consumer
 * allows one delivery more than `maxDeliver`: a message whose acks kept timing out (a worker dying on
 * it) is moved to the dead-letter subject on that extra delivery instead of vanishing silently.
 *
 * Workers connect with credentials that only reach their own family (deploy/nats/accounts.conf), so
 * they do not create streams: `ensureTopology()` is for the publisher or an operator.
 *
 * @example
 * const bus = await NatsBus.connect({ servers: 'nats://127.0.0.1:4222', environment: 'prod' }, systemClock);
 * await bus.ensureTopology(['s3', 'iam']);
 * await bus.publish([msg]);
 */
export class NatsBus implements Bus {
  readonly kind = 'nats' as const;
  readonly maxDeliver: number;
  readonly names: ReturnType<typeof natsNames>;
  readonly #ackWaitMs: number;
  readonly #duplicateWindowMs: number;
  readonly #js: JetStreamClient;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly clock: Clock,
    opts: NatsBusOptions,
  ) {
    this.maxDeliver = opts.maxDeliver ?? DEFAULT_MAX_DELIVER;
    this.#ackWaitMs = opts.ackWaitMs ?? DEFAULT_ACK_WAIT_MS;
    this.#duplicateWindowMs = opts.duplicateWindowMs ?? 86_400_000;
    this.names = natsNames(opts.environment);
    this.#js = nc.jetstream();
  }

  static async connect(opts: NatsBusOptions, clock: Clock): Promise<NatsBus> {
    natsNames(opts.environment);
    const co: ConnectionOptions = { servers: opts.servers.split(',').map((s) => s.trim()), name: opts.name ?? 'vigil', maxReconnectAttempts: -1 };
    if (opts.user) co.user = opts.user;
    if (opts.pass) co.pass = opts.pass;
    return new NatsBus(await connect(co), clock, opts);
  }

  /** Creates (or updates) the stream and the durable consumers of these families. Idempotent. */
  async ensureTopology(families: readonly string[]): Promise<void> {
    const jsm = await this.nc.jetstreamManager();
    const { stream } = this.names;
    const config = {
      name: stream,
      subjects: [this.names.enforce('*'), this.names.dead('*')],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      duplicate_window: nanos(this.#duplicateWindowMs),
    };
    try {
      await jsm.streams.info(stream);
      await jsm.streams.update(stream, config);
    } catch (err) {
      if (!/stream not found/i.test(String((err as Error).message))) throw err;
      await jsm.streams.add(config);
    }
    for (const f of families) await this.#ensureConsumer(jsm, checkedFamily(f));
  }

  async #ensureConsumer(jsm: JetStreamManager, family: string): Promise<void> {
    const config = {
      durable_name: this.names.consumer(family),
      filter_subject: this.names.enforce(family),
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: nanos(this.#ackWaitMs),
      // Our own count decides dead letters (see fetch); the server's limit leaves room for that, and
      // for a deferred copy's one early delivery.
      max_deliver: this.maxDeliver + 2,
      max_ack_pending: 10_000,
    };
    try {
      await jsm.consumers.add(this.names.stream, config);
    } catch (err) {
      if (!/already (exists|in use)/i.test(String((err as Error).message))) throw err;
      await jsm.consumers.update(this.names.stream, config.durable_name, { ack_wait: config.ack_wait, max_deliver: config.max_deliver, max_ack_pending: config.max_ack_pending });
    }
  }

  async publish(messages: readonly EnforcementMessage[]): Promise<PublishResult> {
    const acks = await Promise.all(
      messages.map((m) => this.#js.publish(this.names.enforce(checkedFamily(actionFamily(m.action))), codec.encode(m), { msgID: m.idempotencyKey })),
    );
    const duplicates = acks.filter((a) => a.duplicate).length;
    return { accepted: messages.length - duplicates, duplicates };
  }

  async fetch(family: string, opts: FetchOptions): Promise<BusDelivery[]> {
    checkedFamily(family);
    const durable = this.names.consumer(family);
    const deadline = performance.now() + opts.waitMs;
    for (;;) {
      let msgs = await this.#pull(durable, { batch: opts.max, no_wait: true });
      const left = Math.ceil(deadline - performance.now());
      if (msgs.length === 0 && left > 0) {
        // Wait for the first message only: a batch request would wait until it is full or expires.
        msgs = await this.#pull(durable, { batch: 1, expires: left });
        if (msgs.length > 0 && opts.max > 1) msgs.push(...(await this.#pull(durable, { batch: opts.max - 1, no_wait: true })));
      }
      const out = await this.#deliveries(family, msgs);
      // Only deferred copies not due yet came: wait on (they were nak'ed until due).
      if (out.length > 0 || msgs.length === 0 || performance.now() >= deadline) return out;
    }
  }

  async #deliveries(family: string, msgs: JsMsg[]): Promise<BusDelivery[]> {
    const out: BusDelivery[] = [];
    const now = this.clock.now().getTime();
    for (const m of msgs) {
      const message = codec.decode(m.data) as EnforcementMessage;
      const prior = Number(m.headers?.get(H_PRIOR) || 0);
      const notBefore = Number(m.headers?.get(H_NOT_BEFORE) || 0);
      if (notBefore > now) {
        // A deferred copy fetched before it is due: one early delivery, not counted below.
        m.nak(notBefore - now);
        continue;
      }
      // A deferred copy is delivered at once and nak'ed until due (once): that delivery is not an attempt.
      // Fetched only after it was due, it had no early delivery: hence the floor of 1.
      const attempt = prior + (notBefore ? Math.max(1, m.info.deliveryCount - 1) : m.info.deliveryCount);
      if (attempt > this.maxDeliver) {
        await this.#deadLetter(m, family, message, attempt, `acknowledgement timed out ${this.maxDeliver} times`);
        continue;
      }
      out.push(this.#delivery(m, family, message, attempt));
    }
    return out;
  }

  async #pull(durable: string, opts: { batch: number; no_wait?: boolean; expires?: number }): Promise<JsMsg[]> {
    const iter = this.#js.fetch(this.names.stream, durable, opts);
    const out: JsMsg[] = [];
    for await (const m of iter) out.push(m);
    return out;
  }

  async #deadLetter(m: JsMsg, family: string, message: EnforcementMessage, attempts: number, reason: string): Promise<void> {
    const body: DeadLetterBody = { message, reason, attempts, at: iso(this.clock.now()) };
    // Published before the term: a crash in between leaves the message to be redelivered, never lost.
    await this.#js.publish(this.names.dead(family), codec.encode(body), { msgID: `dead:${message.idempotencyKey}` });
    // No reason on the wire: servers before 2.10.4 ignore a `+TERM` that carries one (the reason is in the dead letter).
    m.term();
    await this.nc.flush();
  }

  #delivery(m: JsMsg, family: string, message: EnforcementMessage, attempt: number): BusDelivery {
    const deferrals = Number(m.headers?.get(H_DEFERRALS) || 0);
    return {
      message,
      family,
      attempt,
      ack: async () => {
        await m.ackAck();
      },
      nak: async (delayMs, reason) => {
        if (attempt >= this.maxDeliver) {
          await this.#deadLetter(m, family, message, attempt, `${reason} (after ${attempt} deliveries)`);
          return 'dead-lettered';
        }
        m.nak(Math.max(0, Math.round(delayMs)));
        await this.nc.flush();
        return 'retry';
      },
      defer: async (delayMs) => {
        const h = headers();
        h.set(H_PRIOR, String(attempt - 1));
        h.set(H_DEFERRALS, String(deferrals + 1));
        h.set(H_NOT_BEFORE, String(this.clock.now().getTime() + Math.max(0, Math.round(delayMs))));
        // The copy first, then the ack: a crash in between redelivers this one, whose copy (same msg id) the stream drops.
        await this.#js.publish(m.subject, m.data, { msgID: `${message.idempotencyKey}~defer${deferrals + 1}`, headers: h });
        await m.ackAck();
      },
      deadLetter: (reason) => this.#deadLetter(m, family, message, attempt, reason),
    };
  }

  async deadLetters(q: { family?: string; limit?: number } = {}): Promise<DeadLetter[]> {
    const jsm = await this.nc.jetstreamManager();
    const subject = this.names.dead(q.family ? checkedFamily(q.family) : '*');
    const info = await jsm.streams.info(this.names.stream, { subjects_filter: subject });
    const total = Object.values(info.state.subjects ?? {}).reduce((a, n) => a + n, 0);
    const want = Math.min(total, q.limit ?? total);
    const out: DeadLetter[] = [];
    if (want === 0) return out;
    const consumer = await this.#js.consumers.get(this.names.stream, { filterSubjects: subject });
    try {
      const iter = await consumer.fetch({ max_messages: want, expires: 5_000 });
      for await (const m of iter) {
        const body = codec.decode(m.data) as DeadLetterBody;
        out.push({ family: m.subject.slice(m.subject.lastIndexOf('.') + 1), message: body.message, attempts: body.attempts, reason: body.reason, at: body.at });
        if (out.length >= want) break;
      }
    } finally {
      await consumer.delete().catch(() => undefined);
    }
    return out;
  }

  async close(): Promise<void> {
    if (this.nc.isClosed()) return;
    await this.nc.drain();
  }
}
