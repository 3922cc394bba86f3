import { AckPolicy, connect, DeliverPolicy, JSONCodec, nanos, RetentionPolicy, StorageType, type ConnectionOptions, type JetStreamClient, type JetStreamManager, type JsMsg, type NatsConnection } from 'nats';
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
    await jsm.consumers.add(this.names.stream, {
      durable_name: this.names.consumer(family),
      filter_subject: this.names.enforce(family),
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: nanos(this.#ackWaitMs),
      max_deliver: this.maxDeliver + 1,
      max_ack_pending: 10_000,
    });
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
    let msgs = await this.#pull(durable, { batch: opts.max, no_wait: true });
    if (msgs.length === 0 && opts.waitMs > 0) {
      // Wait for the first message only: a batch request would wait until it is full or expires.
      msgs = await this.#pull(durable, { batch: 1, expires: opts.waitMs });
      if (msgs.length > 0 && opts.max > 1) msgs.push(...(await this.#pull(durable, { batch: opts.max - 1, no_wait: true })));
    }
    const out: BusDelivery[] = [];
    for (const m of msgs) {
      const message = codec.decode(m.data) as EnforcementMessage;
      const attempt = m.info.deliveryCount;
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
