// What manager tests share: a policy set with each kind of ladder end, settings, and a manager factory.
import { DAY_MS, ManualClock } from '../common/clock.js';
import { DEFAULT_CONFIG } from '../config/vigil-config.js';
import type { LadderSettings } from '../escalation/ladder.js';
import type { ManagedPolicy } from '../escalation/managed-policy.js';
import { ManagerService, type ManagerDeps, type ManagerStore } from '../escalation/manager-service.js';
import { OutboxEnforcementRequests } from '../escalation/enforcement-requests.js';
import type { PolicyException } from '../exceptions/policy-exception.js';

export const MANAGER_T0 = '2026-12-01T09:00:00.000Z';
export const day = (n: number): string => new Date(Date.parse(MANAGER_T0) + n * DAY_MS).toISOString();

const policy = (id: string, remediation: ManagedPolicy['remediation'], severity: ManagedPolicy['severity'] = 'high'): ManagedPolicy => ({
  id,
  title: `${id} title`,
  severity,
  remediation,
  version: `sha256:${id}`,
});

/** s3-public: 2 reminders a day apart, then safe enforcement; iam-keys: then disruptive (approval); logs: escalate; tags: report only. */
export const MANAGER_POLICIES: ReadonlyMap<string, ManagedPolicy> = new Map(
  [
    policy('s3-public', { guidance: 'Block public access.', remind: { times: 2, every: '1d' }, enforce: 's3.block-public-access', risk: 'safe', params: { ignoreWebsites: false } }),
    policy('iam-keys', { guidance: 'Rotate the key.', remind: { times: 1, every: '1d' }, enforce: 'iam.deactivate-access-key', risk: 'disruptive' }),
    policy('logs-retention', { guidance: 'Keep logs 90 days.', remind: { times: 1, every: '1d' }, escalate: 'platform' }),
    policy('tags', { guidance: 'Tag it.', remind: { times: 1, every: '1d' } }, 'low'),
  ].map((p) => [p.id, p]),
);

export const MANAGER_SETTINGS: LadderSettings = { defaults: DEFAULT_CONFIG.escalation.defaults };

/** A manager over `store` with the fixture's policies; `exceptions` can be changed between runs. */
export const managerOn = (
  store: ManagerStore,
  clock: ManualClock,
  over: Partial<ManagerDeps> & { exceptions?: () => Promise<readonly PolicyException[]> } = {},
): ManagerService =>
  new ManagerService({
    store,
    clock,
    policies: MANAGER_POLICIES,
    settings: MANAGER_SETTINGS,
    exceptions: async () => [],
    accountOus: new Map([['111122223333', 'root/prod/payments']]),
    requests: new OutboxEnforcementRequests(),
    securityTeam: 'security',
    exceptionHowTo: (v) => `Add a file under exceptions/ naming ${v.resourceArn}`,
    maxExceptionMs: 90 * DAY_MS,
    batchSize: 1_000,
    ...over,
  });
