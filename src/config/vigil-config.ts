import { Type, type Static, type TSchema } from '@sinclair/typebox';
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
/**
 * Where a webhook posts: `url`, or `urlEnv` naming the environment variable that holds it — a Slack or
 * Teams webhook URL is itself a credential, better kept out of a config file in git.
 */
const Hook = <P extends Record<string, TSchema>>(extra: P) =>
  Type.Object({ url: Type.Optional(WebhookUrl), urlEnv: Type.Optional(EnvName), ...extra }, { additionalProperties: false, anyOf: [{ required: ['url'] }, { required: ['urlEnv'] }] });

/** A team: who is in it and where its reminders go. */
export const TeamSettings = Type.Object(
  {
    members: Type.Optional(Type.Array(Member)),
    channels: Type.Object(
      {
        email: Type.Optional(Type.Array(Type.String({ pattern: '^[^@\\s]+@[^@\\s]+$', description: 'an e-mail address' }), { minItems: 1 })),
        /** Slack incoming webhook. */
        slack: Type.Optional(Hook({})),
        /** Microsoft Teams incoming webhook (Workflows or connector URL). */
        teams: Type.Optional(Hook({})),
        /** Generic JSON webhook, signed with HMAC-SHA256 using the secret in environment variable `secretEnv`. */
        webhook: Type.Optional(Hook({ secretEnv: EnvName })),
        /** Digest files (.eml and .txt) in `dir` (default: `outbox/` beside the SQLite file): no server needed. */
        file: Type.Optional(Type.Object({ dir: Type.Optional(Type.String({ minLength: 1 })) }, { additionalProperties: false })),
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

const Duration = Type.String({ pattern: '^[0-9]+(m|h|d|w)$', description: 'a duration: 30m, 4h, 2d, 1w' });
const Remind = Type.Object({ times: Type.Integer({ minimum: 0, maximum: 50 }), every: Duration }, { additionalProperties: false });
/** A ladder override: reminders, and what happens when they run out (`enforce: <action>` or `escalate: <team>`). */
const LadderOverride = Type.Object(
  {
    remind: Type.Optional(Remind),
    enforce: Type.Optional(Type.String({ minLength: 1 })),
    escalate: Type.Optional(Type.String({ minLength: 1 })),
  },
  { additionalProperties: false },
);
const ControlId = Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$' });

/** The management app: reminder ladders, exceptions and the manager's schedule. */
export const EscalationSettings = Type.Object(
  {
    /** Reminders per severity for policies whose `remediation.remind` says nothing. */
    defaults: Type.Object(Object.fromEntries(SEVERITIES.map((s) => [s, Remind])) as Record<(typeof SEVERITIES)[number], typeof Remind>, { additionalProperties: false }),
    /** Per control: replaces the policy's own ladder. */
    controls: Type.Record(ControlId, LadderOverride),
    /** Per OU path (covers nested OUs; the most specific wins): for every control, and per control. */
    ous: Type.Record(
      Type.String({ minLength: 1 }),
      Type.Object(
        { remind: Type.Optional(Remind), enforce: Type.Optional(Type.String({ minLength: 1 })), escalate: Type.Optional(Type.String({ minLength: 1 })), controls: Type.Optional(Type.Record(ControlId, LadderOverride)) },
        { additionalProperties: false },
      ),
    ),
    /** The longest an exception may last (from its `approved-at`, else from when it is checked). */
    maxExceptionDuration: Duration,
    /** How often `vigil worker --role manager` and `vigil start` run the manager. */
    interval: Duration,
    /** Violations stepped per transaction (one digest per owner per transaction). */
    batchSize: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  },
  { additionalProperties: false },
);

/**
 * A scheduled report (docs/audit.md, "Scheduled reports"): what to build, when (`every` an interval or
 * `cron`, five fields in UTC), and where it goes (a directory, e-mail to addresses or to teams' e-mail
 * channels over `notifications.email`). Each run is recorded in the audit trail with the file's SHA-256.
 */
export const ReportPlanSettings = Type.Object(
  {
    name: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$', description: 'a short id: lowercase letters, digits and dashes' }),
    framework: Type.String({ minLength: 1 }),
    kind: Type.Optional(Type.Union([Type.Literal('compliance'), Type.Literal('activity'), Type.Literal('exceptions'), Type.Literal('trend')])),
    format: Type.Union([Type.Literal('pdf'), Type.Literal('html'), Type.Literal('csv'), Type.Literal('json')]),
    every: Type.Optional(Duration),
    cron: Type.Optional(Type.String({ pattern: '^\\S+( \\S+){4}$', description: 'five cron fields, UTC: minute hour day-of-month month day-of-week, e.g. "0 6 * * 1"' })),
    /** Only these accounts (scores and failing resources). Activity reports cover the time since the previous run. */
    accounts: Type.Optional(Type.Array(Type.String({ pattern: '^\\d{12}$' }), { minItems: 1 })),
    organisation: Type.Optional(Type.String({ minLength: 1 })),
    pseudonymise: Type.Optional(Type.Boolean()),
    to: Type.Object(
      {
        dir: Type.Optional(Type.String({ minLength: 1 })),
        email: Type.Optional(Type.Array(Type.String({ pattern: '^[^@\\s]+@[^@\\s]+$', description: 'an e-mail address' }), { minItems: 1 })),
        /** An S3 prefix (`s3://bucket/prefix/`), server-side encrypted: SSE-KMS with `kmsKeyId`, else SSE-S3. */
        s3: Type.Optional(
          Type.Object(
            { uri: Type.String({ pattern: '^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?$', description: 's3://bucket/prefix/' }), kmsKeyId: Type.Optional(Type.String({ minLength: 1 })) },
            { additionalProperties: false },
          ),
        ),
        /** Teams whose channels receive it: the file by e-mail (`channels.email`), a message saying where it is on Slack/Teams (`channels.slack`, `channels.teams`). */
        teams: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })),
      },
      { additionalProperties: false, anyOf: [{ required: ['dir'] }, { required: ['email'] }, { required: ['teams'] }, { required: ['s3'] }] },
    ),
  },
  { additionalProperties: false, oneOf: [{ required: ['every'] }, { required: ['cron'] }] },
);

const RoleGroups = Type.Array(Type.String({ minLength: 1 }), { description: 'IdP group names (values of the roles claim)' });

/**
 * Who may use the API and dashboard (`server.auth`). Absent: no sign-in, read-only, loopback only.
 * `tokens` accepts `vigil api-token` bearers; `oidc` accepts JWTs from an identity provider, roles from a
 * claim; `proxy` trusts a header set by an authenticating reverse proxy (only that proxy must reach Vigil).
 */
export const AuthSettings = Type.Object(
  {
    /** Accept API tokens created with `vigil api-token create`. */
    tokens: Type.Optional(Type.Boolean()),
    oidc: Type.Optional(
      Type.Object(
        {
          /** The issuer (`iss`), e.g. `https://login.example.com/realms/bank`; its JWKS is found by discovery unless `jwksUri` is given. */
          issuer: Type.String({ pattern: '^https?://', description: 'an http(s) URL' }),
          /** The audience (`aud`) tokens must be issued for: Vigil's client id at the IdP. */
          audience: Type.String({ minLength: 1 }),
          jwksUri: Type.Optional(Type.String({ pattern: '^https?://', description: 'an http(s) URL' })),
          /** The claim naming the person (the actor on the trail); default `email`, then `sub` when absent. */
          subjectClaim: Type.Optional(Type.String({ minLength: 1 })),
          /** The claim holding the person's groups (a string or a list); default `groups`. */
          rolesClaim: Type.Optional(Type.String({ minLength: 1 })),
          /** Role → the groups that grant it; the strongest role any group grants wins; no group, no access. */
          roles: Type.Object({ viewer: Type.Optional(RoleGroups), approver: Type.Optional(RoleGroups), admin: Type.Optional(RoleGroups) }, { additionalProperties: false }),
        },
        { additionalProperties: false },
      ),
    ),
    proxy: Type.Optional(
      Type.Object(
        {
          /** The header the proxy sets to the signed-in user (default `x-vigil-user`); the proxy must strip it from clients. */
          userHeader: Type.Optional(Type.String({ pattern: '^[a-z0-9-]+$', description: 'a lower-case header name' })),
          /** The role of every proxy-authenticated user (default `viewer`). */
          role: Type.Optional(Type.Union([Type.Literal('viewer'), Type.Literal('approver'), Type.Literal('admin')])),
        },
        { additionalProperties: false },
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
        /**
         * Producer threads (collect and evaluate) with `worker`, for a source that can split its
         * estate by type without collecting it (the demo estate; others use one). On a rescan of an
         * unchanged estate the writer waits for the producer: two producers keep both cores busy.
         */
        producers: Type.Integer({ minimum: 1, maximum: 16 }),
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
    /** `vigil scan --source aws`: which accounts and regions, and how (see src/providers/aws/aws-settings.ts). */
    aws: Type.Object(
      {
        accounts: Type.Union(
          [Type.Literal('current'), Type.Literal('all'), Type.Array(Type.String({ pattern: '^\\d{12}$', description: 'a 12-digit AWS account id' }), { minItems: 1 })],
          { description: 'current (the credentials\' own account), all (every active account of the organisation) or a list of account ids.' },
        ),
        ous: Type.Array(Type.String({ pattern: '^root(/[^/]+)*$', description: 'an OU path such as root/prod' }), { description: 'Only accounts in these OUs (sub-OUs included).' }),
        regions: Type.Union([Type.Literal('all'), Type.Array(Type.String({ pattern: '^[a-z]{2}(-[a-z]+)+-\\d+$', description: 'a region name such as eu-west-1' }), { minItems: 1 })], {
          description: 'all (each account\'s enabled regions) or a list of regions.',
        }),
        roleName: Type.String({ pattern: '^[\\w+=,.@/-]{1,128}$', description: 'an IAM role name (path allowed), e.g. VigilReadOnly' }),
        externalId: Type.Optional(Type.String({ minLength: 2, maxLength: 1224 })),
        homeRegion: Type.String({ pattern: '^[a-z]{2}(-[a-z]+)+-\\d+$', description: 'a region name such as us-east-1' }),
        concurrency: Type.Integer({ minimum: 1, maximum: 1024 }),
        serviceConcurrency: Type.Integer({ minimum: 1, maximum: 64 }),
        maxAttempts: Type.Integer({ minimum: 1, maximum: 20 }),
        bottlerocketReports: Type.Optional(
          Type.String({
            pattern: '^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?$',
            description: 's3://bucket/prefix where Bottlerocket nodes publish their CIS reports (SSM Run Command output: <prefix>/<account>/<region>/…); read during the aws scan',
          }),
        ),
      },
      { additionalProperties: false },
    ),
    demo: Type.Object(
      {
        seed: Type.Union([Type.Integer(), Type.String({ minLength: 1 })]),
        size: Type.Integer({ minimum: 1, maximum: 10_000_000 }),
        /** Owners fix a share of the estate each day from `fixFrom` on (`vigil demo` sets these). */
        fixPerDay: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
        fixFrom: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T', description: 'an ISO-8601 date-time' })),
      },
      { additionalProperties: false },
    ),
    server: Type.Object(
      {
        host: Type.String({ minLength: 1 }),
        port: Type.Integer({ minimum: 0, maximum: 65535 }),
        /** The dashboard's address as owners reach it (links in notifications), e.g. `https://vigil.example.com`. */
        publicUrl: Type.Optional(Type.String({ pattern: '^https?://', description: 'an http(s) URL' })),
        /** Sign-in for the API and dashboard (API tokens, OIDC, a trusted proxy); absent: none, loopback only. */
        auth: Type.Optional(AuthSettings),
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
    escalation: EscalationSettings,
    /** Scheduled reports the manager role produces and delivers. */
    reports: Type.Optional(Type.Object({ plans: Type.Array(ReportPlanSettings) }, { additionalProperties: false })),
    organization: Type.Object(
      {
        /** Frameworks in scope for reports and scores; empty means every framework policies cite. */
        frameworks: Type.Array(Type.String({ pattern: '^[a-z][a-z0-9-]*(@[0-9][0-9a-z.-]*)?$' })),
      },
      { additionalProperties: false },
    ),
    controls: Type.Record(Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$' }), ControlSettings),
    audit: Type.Object(
      {
        /**
         * The Ed25519 private key (PKCS#8 PEM, made by `vigil audit keygen`) that signs checkpoints.
         * A file path, never the key itself: the key stays out of config, logs and the database.
         * Unset: no checkpoints are written (verify still checks the chain).
         */
        signingKeyFile: Type.Optional(Type.String({ minLength: 1 })),
        /** A signed checkpoint at least every this many events (and at the end of every scan). */
        checkpointEvery: Type.Integer({ minimum: 1 }),
        /** A file holding the secret for `--pseudonymise` (keyed HMAC of people's names and e-mails). */
        pseudonymKeyFile: Type.Optional(Type.String({ minLength: 1 })),
      },
      { additionalProperties: false },
    ),
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
export type TeamConfig = Static<typeof TeamSettings>;
export type NotificationConfig = Static<typeof NotificationSettings>;
export type EscalationConfig = Static<typeof EscalationSettings>;
export type ReportPlanConfig = Static<typeof ReportPlanSettings>;
export type AuthConfig = Static<typeof AuthSettings>;

export const DEFAULT_CONFIG: VigilConfig = {
  store: { url: './.vigil/vigil.db' },
  policies: { builtin: true, dirs: [] },
  scan: { source: 'demo', worker: true, batchSize: 1_000, transactionSize: 20_000, producers: 2 },
  inventory: { snapshots: 'violating' },
  aws: { accounts: 'current', ous: [], regions: 'all', roleName: 'VigilReadOnly', homeRegion: 'us-east-1', concurrency: 64, serviceConcurrency: 4, maxAttempts: 8 },
  demo: { seed: 42, size: 2_000 },
  server: { host: '127.0.0.1', port: 8080 },
  owners: { tagKeys: ['owner', 'Owner', 'team', 'Team'], fallback: 'security', accounts: {} },
  organization: { frameworks: [] },
  controls: {},
  teams: {},
  notifications: { maxAttempts: 6, backoffMs: 60_000, maxBackoffMs: 3_600_000, exceptionsDir: 'exceptions' },
  escalation: {
    // The more severe, the shorter the chase.
    defaults: {
      critical: { times: 1, every: '1d' },
      high: { times: 3, every: '2d' },
      medium: { times: 3, every: '7d' },
      low: { times: 4, every: '14d' },
      info: { times: 0, every: '30d' },
    },
    controls: {},
    ous: {},
    maxExceptionDuration: '90d',
    interval: '1m',
    batchSize: 100_000,
  },
  audit: { checkpointEvery: 10_000 },
  bus: { kind: 'embedded', maxDeliver: 5, ackWaitMs: 60_000, nats: { servers: 'nats://127.0.0.1:4222', environment: 'default' } },
  enforcement: { actions: {}, maxPerAccountPerHour: 1_000, circuitBreaker: { maxPercent: 20, minResources: 5, windowHours: 24 }, approvalFor: ['irreversible'] },
};
