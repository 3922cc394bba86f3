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
};
