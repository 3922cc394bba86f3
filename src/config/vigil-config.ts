import { Type, type Static } from '@sinclair/typebox';
import { SEVERITIES } from '../common/severity.js';
import { SOURCE_FORMS, SOURCE_PATTERN } from '../providers/provider-sources.js';

const Severity = Type.Union(SEVERITIES.map((s) => Type.Literal(s)));
const Params = Type.Record(Type.String(), Type.Unknown(), { description: 'Parameter name → value (see the policy\'s `parameters`).' });

/** Per-control settings an organisation keeps in `vigil.config.yaml` instead of copying policies. */
export const ControlSettings = Type.Object(
  {
    enabled: Type.Optional(Type.Boolean()),
    /** Required when a control is disabled: shown in reports, never silently dropped. */
    reason: Type.Optional(Type.String({ minLength: 3 })),
    severity: Type.Optional(Severity),
    parameters: Type.Optional(Params),
    /** More specific parameter values for some accounts or organisational units (later entries win). */
    overrides: Type.Optional(
      Type.Array(
        Type.Object(
          {
            accounts: Type.Optional(Type.Array(Type.String({ pattern: '^\\d{12}$' }), { minItems: 1 })),
            ous: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })),
            parameters: Params,
          },
          { additionalProperties: false },
        ),
      ),
    ),
  },
  { additionalProperties: false },
);

export const VigilConfigSchema = Type.Object(
  {
    store: Type.Object({ url: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
    policies: Type.Object(
      {
        builtin: Type.Boolean({ description: 'Load the policies that ship with Vigil.' }),
        dirs: Type.Array(Type.String({ minLength: 1 }), { description: 'The organisation\'s own policy directories.' }),
      },
      { additionalProperties: false },
    ),
    scan: Type.Object(
      {
        /** Only sources a provider implements (providers/provider-sources.ts); the list grows as providers land. */
        source: Type.String({ pattern: SOURCE_PATTERN, description: `${SOURCE_FORMS}.` }),
        /** Collect and evaluate on a worker thread while this thread writes (two cores at work instead of one). */
        worker: Type.Boolean(),
        /**
         * Resources per collected batch, the unit that flows from collector through evaluation to the
         * writer. Small batches die young in the producer's heap: at 1M resources, batches of 1,000
         * instead of 5,000 halved the producer's time (16.9 → 9.8 s), most of it garbage collection.
         */
        batchSize: Type.Integer({ minimum: 1, maximum: 100_000 }),
        /**
         * Most resources one store transaction writes: when the writer falls behind it commits the
         * batches that queued up together (each commit rewrites every index page it touched, so fewer,
         * larger commits write less). Also bounds the batches in flight between the two threads.
         */
        transactionSize: Type.Integer({ minimum: 1, maximum: 200_000 }),
      },
      { additionalProperties: false },
    ),
    inventory: Type.Object(
      {
        /**
         * Which resources keep a full config snapshot in the store: `violating` (those failing some
         * policy: the evidence) or `all` (a full inventory; several times more data per scan).
         */
        snapshots: Type.Union([Type.Literal('violating'), Type.Literal('all')]),
      },
      { additionalProperties: false },
    ),
    demo: Type.Object(
      {
        seed: Type.Union([Type.Integer(), Type.String({ minLength: 1 })]),
        size: Type.Integer({ minimum: 1, maximum: 10_000_000 }),
      },
      { additionalProperties: false },
    ),
    server: Type.Object(
      { host: Type.String({ minLength: 1 }), port: Type.Integer({ minimum: 0, maximum: 65535 }) },
      { additionalProperties: false },
    ),
    owners: Type.Object(
      {
        tagKeys: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
        fallback: Type.String({ minLength: 1 }),
        /** Account id → owning team, for resources without an owner tag. */
        accounts: Type.Record(Type.String({ pattern: '^\\d{12}$' }), Type.String({ minLength: 1 })),
      },
      { additionalProperties: false },
    ),
    organization: Type.Object(
      {
        /** Frameworks in scope for reports and scores; empty means every framework policies cite. */
        frameworks: Type.Array(Type.String({ pattern: '^[a-z][a-z0-9-]*(@[0-9][0-9a-z.-]*)?$' })),
      },
      { additionalProperties: false },
    ),
    controls: Type.Record(Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$' }), ControlSettings),
    /** The message bus between the manager and the enforcers. */
    bus: Type.Object(
      {
        /** `embedded`: a table in the store (one process or a few sharing the database); `nats`: NATS JetStream. */
        kind: Type.Union([Type.Literal('embedded'), Type.Literal('nats')]),
        /** Deliveries of a message before it goes to the dead letters. */
        maxDeliver: Type.Integer({ minimum: 1, maximum: 100 }),
        /** How long a fetched, unsettled message stays invisible (ms): longer than the slowest action. */
        ackWaitMs: Type.Integer({ minimum: 1_000 }),
        nats: Type.Object(
          {
            servers: Type.String({ minLength: 1 }),
            /** Stream VIGIL_<ENV>, subjects vigil.<env>.enforce.<family>. */
            environment: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,30}$' }),
            user: Type.Optional(Type.String({ minLength: 1 })),
            pass: Type.Optional(Type.String({ minLength: 1 })),
          },
          { additionalProperties: false },
        ),
      },
      { additionalProperties: false },
    ),
    /** Safety switches of enforcement (docs/enforcement.md). */
    enforcement: Type.Object(
      {
        /** `dry-run` or `enforce`; unset: enforce on the demo estate, dry-run on any live source. */
        mode: Type.Optional(Type.Union([Type.Literal('dry-run'), Type.Literal('enforce')])),
        actions: Type.Record(
          Type.String({ pattern: '^[a-z0-9-]+(\\.[a-z0-9-]+)?$' }),
          Type.Object(
            {
              mode: Type.Optional(Type.Union([Type.Literal('dry-run'), Type.Literal('enforce')])),
              enabled: Type.Optional(Type.Boolean()),
              maxPerHour: Type.Optional(Type.Integer({ minimum: 0 })),
            },
            { additionalProperties: false },
          ),
        ),
        maxPerAccountPerHour: Type.Integer({ minimum: 0 }),
        circuitBreaker: Type.Object(
          { maxPercent: Type.Number({ minimum: 0, maximum: 100 }), minResources: Type.Integer({ minimum: 0 }), windowHours: Type.Number({ exclusiveMinimum: 0 }) },
          { additionalProperties: false },
        ),
        /** Risk classes that need an approval in the message. */
        approvalFor: Type.Array(Type.Union([Type.Literal('safe'), Type.Literal('disruptive'), Type.Literal('irreversible'), Type.Literal('manual')])),
        /** One endpoint for every AWS service (a test endpoint, moto); unset: the real AWS endpoints. */
        awsEndpoint: Type.Optional(Type.String({ minLength: 1 })),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

/** Vigil's validated, frozen configuration. */
export type VigilConfig = Static<typeof VigilConfigSchema>;
export type ControlSettingsConfig = Static<typeof ControlSettings>;

export const DEFAULT_CONFIG: VigilConfig = {
  store: { url: './.vigil/vigil.db' },
  policies: { builtin: true, dirs: [] },
  scan: { source: 'demo', worker: true, batchSize: 1_000, transactionSize: 20_000 },
  inventory: { snapshots: 'violating' },
  demo: { seed: 42, size: 2_000 },
  server: { host: '127.0.0.1', port: 8080 },
  owners: { tagKeys: ['owner', 'Owner', 'team', 'Team'], fallback: 'security', accounts: {} },
  organization: { frameworks: [] },
  controls: {},
  bus: { kind: 'embedded', maxDeliver: 5, ackWaitMs: 60_000, nats: { servers: 'nats://127.0.0.1:4222', environment: 'default' } },
  enforcement: { actions: {}, maxPerAccountPerHour: 1_000, circuitBreaker: { maxPercent: 20, minResources: 5, windowHours: 24 }, approvalFor: ['irreversible'] },
};
