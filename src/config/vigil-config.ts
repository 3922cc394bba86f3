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

const Member = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    email: Type.Optional(Type.String({ pattern: '^[^@\\s]+@[^@\\s]+$', description: 'an e-mail address' })),
    /** A member of the security team: may approve disruptive or irreversible enforcement. */
    security: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
const WebhookUrl = Type.String({ pattern: '^https?://', description: 'an http(s) URL' });
const EnvName = Type.String({ pattern: '^[A-Z_][A-Z0-9_]*$', description: 'the name of an environment variable (the secret itself never goes in the config)' });

/** A team: who is in it and where its reminders go. */
export const TeamSettings = Type.Object(
  {
    members: Type.Optional(Type.Array(Member)),
    channels: Type.Object(
      {
        email: Type.Optional(Type.Array(Type.String({ pattern: '^[^@\\s]+@[^@\\s]+$', description: 'an e-mail address' }), { minItems: 1 })),
        /** Slack incoming webhook. */
        slack: Type.Optional(Type.Object({ url: WebhookUrl }, { additionalProperties: false })),
        /** Microsoft Teams incoming webhook (Workflows or connector URL). */
        teams: Type.Optional(Type.Object({ url: WebhookUrl }, { additionalProperties: false })),
        /** Generic JSON webhook, signed with HMAC-SHA256 using the secret in environment variable `secretEnv`. */
        webhook: Type.Optional(Type.Object({ url: WebhookUrl, secretEnv: EnvName }, { additionalProperties: false })),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

/** How notifications are sent and retried. */
export const NotificationSettings = Type.Object(
  {
    email: Type.Optional(
      Type.Object(
        {
          /** `smtp://host:25`, `smtps://host:465`; credentials come from `passwordEnv`, never from here. */
          smtpUrl: Type.String({ pattern: '^smtps?://[^@]*$', description: 'smtp://host:port or smtps://host:port without credentials' }),
          from: Type.String({ minLength: 3 }),
          user: Type.Optional(Type.String({ minLength: 1 })),
          passwordEnv: Type.Optional(EnvName),
        },
        { additionalProperties: false },
      ),
    ),
    /** Deliveries per message and channel before it is recorded as dead. */
    maxAttempts: Type.Integer({ minimum: 1, maximum: 50 }),
    /** First retry delay (ms); doubles on each failure up to `maxBackoffMs`. */
    backoffMs: Type.Integer({ minimum: 0 }),
    maxBackoffMs: Type.Integer({ minimum: 0 }),
    /** Where exception files live in the organisation's repository (shown in "how to request an exception"). */
    exceptionsDir: Type.String({ minLength: 1 }),
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
      {
        host: Type.String({ minLength: 1 }),
        port: Type.Integer({ minimum: 0, maximum: 65535 }),
        /** The dashboard's address as owners reach it (links in notifications), e.g. `https://vigil.example.com`. */
        publicUrl: Type.Optional(Type.String({ pattern: '^https?://', description: 'an http(s) URL' })),
      },
      { additionalProperties: false },
    ),
    owners: Type.Object(
      {
        tagKeys: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
        fallback: Type.String({ minLength: 1 }),
        /** Account id → owning team, for resources without an owner tag. */
        accounts: Type.Record(Type.String({ pattern: '^\\d{12}$' }), Type.String({ minLength: 1 })),
        /** OU path (`root/prod`) → owning team, for accounts without a team; the longest matching path wins. */
        ous: Type.Optional(Type.Record(Type.String({ minLength: 1 }), Type.String({ minLength: 1 }))),
        /** The team whose members approve disruptive enforcement (besides members flagged `security: true`). */
        securityTeam: Type.Optional(Type.String({ minLength: 1 })),
      },
      { additionalProperties: false },
    ),
    /** Team name → members and channels; owners resolved above are team names. */
    teams: Type.Optional(Type.Record(Type.String({ minLength: 1 }), TeamSettings)),
    notifications: Type.Optional(NotificationSettings),
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
export type TeamConfig = Static<typeof TeamSettings>;
export type NotificationConfig = Static<typeof NotificationSettings>;

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
  teams: {},
  notifications: { maxAttempts: 6, backoffMs: 60_000, maxBackoffMs: 3_600_000, exceptionsDir: 'exceptions' },
};
