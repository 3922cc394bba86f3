import type { DemoOverlay } from '../providers/demo/demo-overlay.js';
import type { EnforcementAction } from './enforcement-action.js';

/** What a demo-estate action reads: whether it already landed on the resource. */
interface DemoState {
  enforced: boolean;
}

/**
 * An action as it runs on the demo estate: the same name, family, params schema, risk, approvals and
 * safety switches, but it reads and writes the demo overlay instead of calling AWS (the demo estate
 * has no API; it is generated on every scan). The worker's whole path — preconditions, dry-run,
 * limits, circuit breaker, verify, audit, rollback — runs unchanged. An action's own guard reads AWS
 * state, so it does not apply here; `notify-only` (changes nothing) is left as it is.
 *
 * @example
 * const actions = new Registry('action', allActions().map((a) => onDemoEstate(a, overlay)));
 */
export const onDemoEstate = (action: EnforcementAction, overlay: DemoOverlay): EnforcementAction => {
  if (action.changes === false) return action;
  const { guard: _awsGuard, undo, ...rest } = action;
  const demo: EnforcementAction<Record<string, unknown>, DemoState> = {
    ...rest,
    commands: [],
    read: async (ctx) => ({ enforced: ((await overlay.entries()).get(ctx.resource.arn) ?? []).some((e) => e.action === action.name) }),
    compliant: (s) => s.enforced,
    apply: async (ctx) => overlay.add({ arn: ctx.resource.arn, action: action.name, params: ctx.params, at: ctx.now.toISOString() }),
    ...(undo
      ? {
          undo: async (ctx, before) => {
            if (!before.enforced) await overlay.remove(ctx.resource.arn, action.name);
          },
        }
      : {}),
  };
  return demo;
};
