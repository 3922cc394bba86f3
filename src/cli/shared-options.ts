import { Option, type Command } from 'commander';
import { loadConfig, type ConfigLayer } from '../config/config-loader.js';
import { DEFAULT_CONFIG, type VigilConfig } from '../config/vigil-config.js';
import type { CliIo } from './cli-io.js';

export interface SharedFlags {
  config?: string;
  db?: string;
  policies?: string[];
  builtin?: boolean;
}

/** Options every command that reads policies or the store accepts. */
export const withSharedOptions = (cmd: Command): Command =>
  cmd
    .option('-c, --config <file>', 'configuration file (default: vigil.config.yaml if present, or $VIGIL_CONFIG)')
    .option('--db <path|url>', `store: a SQLite file path, :memory:, or postgres://… (default ${DEFAULT_CONFIG.store.url}, or $VIGIL_DB)`)
    .addOption(new Option('-p, --policies <dir...>', 'extra policy directories (added to the built-in policies)'))
    .option('--no-builtin', 'leave out the built-in policies (use only --policies / config dirs)');

/** The config layered as documented: defaults < file < environment < flags. */
export const configFrom = async (io: CliIo, flags: SharedFlags, extra: ConfigLayer = {}): Promise<VigilConfig> => {
  const layer: Record<string, unknown> = { ...extra };
  if (flags.db) layer.store = { url: flags.db };
  if (flags.policies || flags.builtin === false) {
    layer.policies = { ...(flags.policies ? { dirs: flags.policies } : {}), ...(flags.builtin === false ? { builtin: false } : {}) };
  }
  return loadConfig({ ...(flags.config ? { file: flags.config } : {}), env: io.env, cwd: io.cwd, flags: layer as ConfigLayer });
};
