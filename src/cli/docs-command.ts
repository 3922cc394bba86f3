import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { builtinControlsDoc } from '../composition-root.js';
import { CONTROLS_DOC_FILE } from '../reports/controls-doc.js';
import { CliExit, EXIT, println, type CliIo } from './cli-io.js';

/**
 * `vigil docs controls [--check]`: writes docs/controls.md from the built-in policies, or (with
 * `--check`, for CI) exits 1 when the checked-in file no longer matches them.
 *
 * @example
 * await runCli(['docs', 'controls', '--check']); // 0 when up to date, 1 when stale
 */
export const registerDocs = (program: Command, io: CliIo): void => {
  program
    .command('docs')
    .description('generated documentation')
    .command('controls')
    .option('-o, --output <file>', 'where to write it', CONTROLS_DOC_FILE)
    .option('--check', 'exit 1 when the file differs from what the built-in policies generate')
    .description('write the controls reference (docs/controls.md) generated from the built-in policies')
    .action(async (flags: { output: string; check?: boolean }) => {
      const text = await builtinControlsDoc();
      const file = resolve(io.cwd, flags.output);
      if (flags.check) {
        const current = await readFile(file, 'utf8').catch(() => '');
        if (current !== text) {
          println(io.stderr, `${flags.output} is stale: run \`npx vigil docs controls\` and commit it`);
          throw new CliExit(EXIT.failure);
        }
        println(io.stdout, `${flags.output} is up to date`);
        return;
      }
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, text);
      println(io.stdout, `wrote ${flags.output}`);
    });
};
