import { CreateAnalyzerCommand, DeleteAnalyzerCommand, ListAnalyzersCommand, type AnalyzerSummary } from '@aws-sdk/client-accessanalyzer';
import { Type, type Static } from '@sinclair/typebox';
import type { EnforcementAction } from '../../enforcement-action.js';

const Params = Type.Object(
  {
    analyzerName: Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_.-]{0,254}$', default: 'vigil-external-access', description: 'Name of the analyzer to create.' }),
    type: Type.Union([Type.Literal('ACCOUNT'), Type.Literal('ORGANIZATION')], { default: 'ACCOUNT', description: 'ORGANIZATION only from the management or delegated administrator account.' }),
  },
  { additionalProperties: false },
);
type P = Static<typeof Params>;
type State = { analyzers: { name: string; type: string; status: string }[] };

/**
 * Creates an external-access analyzer in the message's Region when it has no active ACCOUNT or
 * ORGANIZATION analyzer (the first one also creates the service-linked role). Undo deletes the
 * analyzer it created, never another.
 */
export const accessanalyzerCreateAnalyzer: EnforcementAction<P, State> = {
  name: 'accessanalyzer.create-analyzer',
  description: 'Creates an external-access analyzer (account or organisation) in the Region.',
  schema: Params,
  resourceTypes: ['aws.accessanalyzer.region'],
  risk: 'safe',
  reversible: true,
  permissions: ['access-analyzer:ListAnalyzers', 'access-analyzer:CreateAnalyzer', 'access-analyzer:DeleteAnalyzer', 'iam:CreateServiceLinkedRole'],
  commands: ['access-analyzer:ListAnalyzers', 'access-analyzer:CreateAnalyzer', 'access-analyzer:DeleteAnalyzer'],
  async read(ctx) {
    const out = await ctx.aws.accessAnalyzer().send(new ListAnalyzersCommand({}));
    return { analyzers: (out.analyzers ?? []).map((a: AnalyzerSummary) => ({ name: a.name ?? '', type: a.type ?? '', status: a.status ?? '' })) };
  },
  compliant: (s) => s.analyzers.some((a) => a.status === 'ACTIVE' && ['ACCOUNT', 'ORGANIZATION'].includes(a.type)),
  async apply(ctx, before) {
    // An analyzer of that name that is not active (creating, failed) is the owner's to look at, not to duplicate.
    if (before.analyzers.some((a) => a.name === ctx.params.analyzerName)) throw new Error(`analyzer ${ctx.params.analyzerName} exists but is not active`);
    await ctx.aws.accessAnalyzer().send(new CreateAnalyzerCommand({ analyzerName: ctx.params.analyzerName, type: ctx.params.type, tags: { 'created-by': 'vigil' } }));
  },
  async undo(ctx, before) {
    if (!before.analyzers.some((a) => a.name === ctx.params.analyzerName)) await ctx.aws.accessAnalyzer().send(new DeleteAnalyzerCommand({ analyzerName: ctx.params.analyzerName }));
  },
};
