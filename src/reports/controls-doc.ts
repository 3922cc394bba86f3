import { basename, dirname } from 'node:path';
import type { FrameworkRegistry } from '../frameworks/framework-registry.js';
import type { ResourceTypeRegistry } from '../inventory/resource-type-registry.js';
import type { LoadedPolicy, ParameterDefinition, Remediation } from '../policies/policy.js';

/** Where the generated document lives, relative to the repository root. */
export const CONTROLS_DOC_FILE = 'docs/controls.md';

/** Areas in the catalogue's order (../shared/CONTROLS.md sections A–E); unknown areas follow alphabetically. */
const AREAS: { dir: string; title: string; intro: string }[] = [
  { dir: 'backup', title: 'Backup and recovery', intro: 'Backups exist, are kept long enough, cannot be deleted early, are copied elsewhere and can be restored in time.' },
  { dir: 'identity', title: 'Identity and access', intro: 'Credentials are strong, used, rotated and no broader than needed.' },
  { dir: 'data', title: 'Data protection and sharing', intro: 'Data is classified, encrypted, private, and shared only where allowed.' },
  { dir: 'logging', title: 'Logging and monitoring', intro: 'Activity is recorded, protected against tampering and kept long enough.' },
  { dir: 'compute', title: 'Compute, patching and containers', intro: 'Hosts and containers are patched, hardened, owned and not open to the world.' },
];

export interface ControlsDocInput {
  /** The built-in policies, as loaded (source paths relative to the repository root). */
  policies: readonly LoadedPolicy[];
  resourceTypes: ResourceTypeRegistry;
  frameworks: FrameworkRegistry;
}

/** A policy's area is the directory it lives in: `policies/aws/backup/x.yaml` → `backup`. */
export const areaOf = (p: LoadedPolicy): string => basename(dirname(p.source.file));

/** One paragraph of prose; a `<svc>` outside code would vanish as an HTML tag when rendered, so it is escaped. */
const text = (s: string | undefined): string =>
  (s ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .split('`')
    .map((part, i) => (i % 2 === 0 ? part.replace(/</g, '&lt;') : part))
    .join('`');
/** Markdown table cells: one line, no column breaks. */
const cell = (s: string): string => text(s).replace(/\|/g, '\\|');
const code = (s: string): string => (s.includes('`') ? `\`\` ${s} \`\`` : `\`${s}\``);
const anchor = (id: string): string => id.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-');
const list = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);

const defaultText = (d: ParameterDefinition): string => {
  if (Array.isArray(d.default) && d.default.length === 0) return 'none (empty list)';
  return code(JSON.stringify(d.default));
};

const whyLines = (p: LoadedPolicy, frameworks: FrameworkRegistry): string[] =>
  Object.entries(p.frameworks ?? {}).map(([fid, refs]) => {
    const f = frameworks.find(fid);
    const cited = list(refs).map((ref) => {
      const title = frameworks.resolve(fid, ref)?.requirement.title;
      return title ? `${ref} (${title})` : ref;
    });
    // The version is printed because references move between versions (CIS renumbers every release).
    return `- ${f ? `${f.title} (${code(fid)}, version ${f.version})` : code(fid)}: ${cited.join('; ')}`;
  });

const enforcementLines = (r: Remediation): string[] => {
  const ladder = r.remind ? `after ${r.remind.times} reminder${r.remind.times === 1 ? '' : 's'}, ${r.remind.every} apart` : 'once the violation is due';
  if (!r.enforce) return [`- no automatic action: Vigil ${r.remind ? `sends ${r.remind.times} reminder${r.remind.times === 1 ? '' : 's'}, ${r.remind.every} apart, and ` : ''}keeps the violation open until an owner fixes it.`];
  // Irreversible actions always wait for a person, whatever the policy file says.
  const approval = r.approval === true || r.risk === 'irreversible';
  return [
    `- ${ladder}: action ${code(r.enforce)}`,
    `- risk: **${r.risk ?? 'not stated'}**; ${r.reversible === true ? 'reversible (can be rolled back)' : r.reversible === false ? '**not reversible**' : 'reversibility not stated'}`,
    `- ${approval ? '**a person must approve** it before it runs' : 'no approval needed'}`,
  ];
};

const controlSection = (p: LoadedPolicy, input: ControlsDocInput): string[] => {
  const types = list(p.resource).map((t) => `${code(t)} (${input.resourceTypes.find(t)?.title ?? 'unregistered type'})`);
  const params = Object.entries(p.parameters ?? {});
  const r = p.remediation;
  const out = [
    `### ${p.id}`,
    '',
    `**${text(p.title)}**`,
    '',
    `| severity | resource type(s) | defined in |`,
    `|---|---|---|`,
    `| ${p.severity} | ${types.join(', ')} | ${code(p.source.file)} |`,
    '',
    '**What it checks.** ' + (text(p.description) || '_No description._'),
    '',
    '**Why.**',
    ...whyLines(p, input.frameworks),
    '',
  ];
  if (params.length) {
    out.push('**Parameters** (override per organisation, account or OU in `vigil.config.yaml` under `controls:`).', '', '| name | type | default | meaning |', '|---|---|---|---|');
    for (const [name, d] of params) out.push(`| ${code(name)} | ${d.type} | ${defaultText(d)} | ${cell(d.description)} |`);
    out.push('');
  }
  out.push('**How to fix.** ' + text(r.guidance), '');
  if (r.console) out.push(`- Console: ${text(r.console)}`);
  if (r.cli) out.push('- CLI:', '', '  ```sh', `  ${r.cli.trim().split('\n').join('\n  ')}`, '  ```');
  if (r.console || r.cli) out.push('');
  out.push('**What Vigil enforces.**', '', ...enforcementLines(r), '');
  return out;
};

/**
 * The controls reference (`docs/controls.md`), generated from the built-in policies so it can never
 * drift from what Vigil checks: grouped by area, one section per control with what it checks, why
 * (versioned framework references), parameters, how to fix and what Vigil enforces.
 * Pure and deterministic: same policies, same bytes.
 *
 * @example
 * const md = renderControlsDoc({ policies, resourceTypes: registries.resourceTypes, frameworks });
 * md.includes('### backup-vault-lock'); // true
 */
export const renderControlsDoc = (input: ControlsDocInput): string => {
  const byArea = new Map<string, LoadedPolicy[]>();
  for (const p of input.policies) byArea.set(areaOf(p), [...(byArea.get(areaOf(p)) ?? []), p]);
  const known = AREAS.filter((a) => byArea.has(a.dir));
  const extra = [...byArea.keys()].filter((d) => !AREAS.some((a) => a.dir === d)).sort().map((dir) => ({ dir, title: dir, intro: '' }));
  const areas = [...known, ...extra];

  const out = [
    '<!-- Generated by `npx vigil docs controls` from policies/. Do not edit: change the policy and regenerate. -->',
    '# Controls',
    '',
    `Vigil ships ${input.policies.length} built-in controls. Each is a policy file under \`policies/\`; this page is`,
    'generated from them (a test fails when it is stale). Risk classes: **safe** (no service impact),',
    '**disruptive** (may break a workload), **irreversible** (cannot be undone: always needs approval),',
    '**manual** (a person must act; Vigil notifies). See docs/frameworks.md for how references are written.',
    '',
  ];
  for (const a of areas) {
    const ps = [...(byArea.get(a.dir) ?? [])].sort((x, y) => x.id.localeCompare(y.id));
    out.push(`- [${a.title}](#${anchor(a.title)}) (${ps.length})`);
  }
  out.push('');
  for (const a of areas) {
    const ps = [...(byArea.get(a.dir) ?? [])].sort((x, y) => x.id.localeCompare(y.id));
    out.push(`## ${a.title}`, '');
    if (a.intro) out.push(a.intro, '');
    out.push('| control | title | severity | enforcement (risk) |', '|---|---|---|---|');
    for (const p of ps) {
      const e = p.remediation.enforce ? `${code(p.remediation.enforce)} (${p.remediation.risk ?? '?'})` : 'notify only';
      out.push(`| [${p.id}](#${anchor(p.id)}) | ${cell(p.title)} | ${p.severity} | ${e} |`);
    }
    out.push('');
    for (const p of ps) out.push(...controlSection(p, input));
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
};
