import type { Account } from '../../inventory/organization.js';
import type { Rng } from './rng.js';

/** What a generator is told about the one resource it is making. */
export interface DemoContext {
  /** Deterministic for (seed, type, account, region, index). */
  rng: Rng;
  account: Account;
  /** A region name, or `global` for global resource types (IAM, account-level settings). */
  region: string;
  /** All regions of the demo estate (for cross-Region copies and the like). */
  regions: readonly string[];
  /** All accounts of the demo organisation (for cross-account copies, external principals). */
  accounts: readonly Account[];
  /** 0-based position among this type's resources in this account and region. */
  index: number;
  /** How many of this type are made in this account and region. */
  count: number;
  /** The scan's "now" in epoch ms: ages are relative to it (a key "120 days old"). */
  now: number;
  /**
   * The estate's seed, so a generator can re-derive another generator's resource at (account, region,
   * index) — e.g. a recovery point naming the RDS instance it protects. Optional: absent, such
   * generators fall back to resources they own.
   */
  seed?: string | number;
  /** The resource as an enforcer left it: no forced example of a violation either (`forcedExample`). */
  fixed?: boolean;
}

/** A generated resource; identity and tags are derived by the resource type when not given. */
export interface DemoResource {
  config: Record<string, unknown>;
  id?: string;
  arn?: string;
  name?: string;
  /** Extra tags; the type's `tags(config)` is used when absent. */
  tags?: Record<string, string>;
}

/**
 * Makes realistic, AWS-API-shaped resources of one type for the demo estate. A few percent of them
 * violate each control that reads the type, so every control shows compliant and failing resources.
 *
 * @example
 * export const s3BucketDemo: DemoGenerator = {
 *   type: 'aws.s3.bucket', scope: 'regional', weight: 6,
 *   generate: ({ rng, account, region, index }) => ({ config: { Name: `${account.name}-${region}-data-${index}` } }),
 * };
 */
export interface DemoGenerator {
  type: string;
  /** `global`: made once per account (region `global`); `regional`: in every region; `home`: once per account in the first region. */
  scope: 'global' | 'regional' | 'home';
  /** Relative share of the estate; counts scale with `--size`. */
  weight: number;
  /** A floor per account (and region), so small estates still show every control; default 1. */
  min?: number;
  generate(ctx: DemoContext): DemoResource;
}
