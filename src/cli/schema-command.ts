import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { buildRegistries } from '../composition-root.js';
import { buildPolicySchema } from '../policies/policy-schema.js';
import { CliExit, EXIT, println, type CliIo } from './cli-io.js';

export const POLICY_SCHEMA_FILE = 'schema/policy.schema.json';

/** The policy JSON Schema as the checked-in file holds it (stable formatting, trailing newline). */
export const policySchemaText = (): string => `${JSON.stringify(buildPolicySchema(buildRegistries()), null, 2)}\n`;

/** `vigil schema [--check]`: writes (or checks) schema/policy.schema.json, generated from the registries. */
export const registerSchema = (program: Command, io: CliIo): void => {
  program
    .command('schema')
    .option('-o, --output <file>', 'where to write it', POLICY_SCHEMA_FILE)
    .option('--check', 'exit 1 when the file differs from what the registries generate')
    .description('write the policy JSON Schema (for editors) generated from the registries')
    .action(async (flags: { output: string; check?: boolean }) => {
      const text = policySchemaText();
      // Relative to the working directory the CLI was given, as every other output path is.
      const output = resolve(io.cwd, flags.output);
      if (flags.check) {
        const current = await readFile(output, 'utf8').catch(() => '');
        if (current !== text) {
          println(io.stderr, `${flags.output} is stale: run \`npx vigil schema\``);
          throw new CliExit(EXIT.failure);
        }
        println(io.stdout, `${flags.output} is up to date`);
        return;
      }
      await mkdir(dirname(output), { recursive: true });
      await writeFile(output, text);
      println(io.stdout, `wrote ${flags.output}`);
    });
};
