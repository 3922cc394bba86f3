import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Ajv } from 'ajv';
import { DiagnosticsError, type Diagnostic } from '../common/vigil-error.js';
import { YamlSource } from '../common/yaml-source.js';
import { demoTeams } from './demo-teams.js';
import { DEFAULT_CONFIG, VigilConfigSchema, type VigilConfig } from './vigil-config.js';

type Partial2<T> = { [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : Partial<T[K]>) : T[K] };
export type ConfigLayer = Partial2<VigilConfig>;

/** Environment variables Vigil reads, and the setting each one sets. */
export const ENVIRONMENT = {
  VIGIL_DB: 'store.url',
  VIGIL_HOST: 'server.host',
  VIGIL_PORT: 'server.port',
  VIGIL_SOURCE: 'scan.source',
  VIGIL_DEMO_SIZE: 'demo.size',
  VIGIL_DEMO_SEED: 'demo.seed',
  VIGIL_AWS_ROLE_NAME: 'aws.roleName',
  VIGIL_AWS_EXTERNAL_ID: 'aws.externalId',
  VIGIL_AWS_BOTTLEROCKET_REPORTS: 'aws.bottlerocketReports',
  VIGIL_AUDIT_KEY_FILE: 'audit.signingKeyFile',
  VIGIL_PSEUDONYM_KEY_FILE: 'audit.pseudonymKeyFile',
} as const;

export const DEFAULT_CONFIG_FILE = 'vigil.config.yaml';

/**
 * Builds the configuration once at start-up: defaults < file < environment < flags, validated with
 * messages a person can act on (`vigil.config.yaml:7:3  server.port: must be <= 65535`), then frozen.
 *
 * @example
 * const config = await loadConfig({ file: 'vigil.config.yaml', env: process.env, flags: { store: { url: ':memory:' } } });
 */
export const loadConfig = async (
  opts: { file?: string; fileRequired?: boolean; env?: NodeJS.ProcessEnv; flags?: ConfigLayer; /** Where a relative file name is looked up (default: the process's). */ cwd?: string } = {},
): Promise<VigilConfig> => {
  const file = opts.file ?? opts.env?.VIGIL_CONFIG ?? DEFAULT_CONFIG_FILE;
  let fromFile: ConfigLayer = {};
  let src: YamlSource | undefined;
  let text: string | undefined;
  try {
    text = await readFile(resolve(opts.cwd ?? process.cwd(), file), 'utf8');
  } catch {
    if (opts.fileRequired || opts.file || opts.env?.VIGIL_CONFIG) {
      throw new DiagnosticsError('config.invalid', [{ file, line: 1, col: 1, message: 'cannot read the configuration file' }]);
    }
  }
  if (text !== undefined) {
    src = YamlSource.parse(file, text);
    const syntax = src.syntaxDiagnostics();
    if (syntax.length) throw new DiagnosticsError('config.invalid', syntax);
    fromFile = (src.toJS() ?? {}) as ConfigLayer;
    if (typeof fromFile !== 'object' || Array.isArray(fromFile)) {
      throw new DiagnosticsError('config.invalid', [{ file, line: 1, col: 1, message: 'the configuration is a mapping of sections (store, policies, server…)' }]);
    }
  }
  const fromEnv = envLayer(opts.env ?? {});
  const merged = [fromFile, fromEnv.layer, opts.flags ?? {}].reduce<Record<string, unknown>>((acc, l) => merge(acc, l as Record<string, unknown>), structuredClone(DEFAULT_CONFIG) as unknown as Record<string, unknown>);
  withDemoTeams(merged, [fromFile, opts.flags ?? {}]);
  const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
  const validate = ajv.compile(VigilConfigSchema);
  if (!validate(merged)) {
    const ds: Diagnostic[] = (validate.errors ?? []).map((e) => {
      const path = e.instancePath.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
      const field = path.join('.');
      const envVar = Object.entries(ENVIRONMENT).find(([, f]) => f === field && fromEnv.set.has(f))?.[0];
      // A value given on the command line has no place in the file: pointing into the file would send a person to the wrong line.
      const fromFlag = path.length > 0 && valueAt(opts.flags, path) !== undefined;
      const extra = e.keyword === 'additionalProperties' ? ` "${String((e.params as { additionalProperty: string }).additionalProperty)}"` : '';
      // A bare regular expression helps nobody; the schema's description says what is allowed.
      const what = e.keyword === 'pattern' && typeof e.parentSchema?.description === 'string' ? `must be ${e.parentSchema.description.replace(/\.$/, '')}, found ${JSON.stringify(e.data)}` : (e.message ?? 'invalid');
      const message = `${field || 'config'}: ${what}${extra}${envVar ? ` (from ${envVar})` : fromFlag ? ' (from the command line)' : ''}`;
      const loc = src && !envVar && !fromFlag ? src.locate(path, e.keyword === 'additionalProperties' ? String((e.params as { additionalProperty: string }).additionalProperty) : undefined) : {};
      return { ...loc, message };
    });
    throw new DiagnosticsError('config.invalid', ds);
  }
  const config = merged as unknown as VigilConfig;
  for (const [id, c] of Object.entries(config.controls)) {
    if (c.enabled === false && !c.reason) {
      throw new DiagnosticsError('config.invalid', [{ ...(src?.locate(['controls', id]) ?? {}), message: `controls.${id}: a disabled control needs a reason (it is shown in reports)` }]);
    }
  }
  return deepFreeze(config);
};

/**
 * The demo estate with no `teams:` anywhere gets the demo teams (file channel) and a security team,
 * so the local demo reminds owners without any service; any `teams:` given (even empty) wins.
 */
const withDemoTeams = (merged: Record<string, unknown>, layers: ConfigLayer[]): void => {
  const scan = merged['scan'] as { source?: string } | undefined;
  if (scan?.source !== 'demo' || layers.some((l) => isPlain(l) && l.teams !== undefined)) return;
  const owners = merged['owners'] as Record<string, unknown>;
  const securityTeam = typeof owners['securityTeam'] === 'string' ? owners['securityTeam'] : 'security';
  merged['owners'] = { ...owners, securityTeam };
  merged['teams'] = demoTeams(securityTeam);
};

const envLayer = (env: NodeJS.ProcessEnv): { layer: ConfigLayer; set: Set<string> } => {
  const layer: Record<string, Record<string, unknown>> = {};
  const set = new Set<string>();
  for (const [name, field] of Object.entries(ENVIRONMENT)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const [section, key] = field.split('.') as [string, string];
    const numeric = field === 'server.port' || field === 'demo.size';
    (layer[section] ??= {})[key] = numeric && /^\d+$/.test(raw) ? Number(raw) : raw;
    set.add(field);
  }
  return { layer: layer as ConfigLayer, set };
};

const valueAt = (layer: unknown, path: (string | number)[]): unknown =>
  path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined), layer);

const isPlain = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

const merge = (a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> => {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    if (v === undefined) continue;
    out[k] = isPlain(v) && isPlain(out[k]) ? merge(out[k] as Record<string, unknown>, v) : v;
  }
  return out;
};

const deepFreeze = <T>(v: T): T => {
  if (v && typeof v === 'object') {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
};
