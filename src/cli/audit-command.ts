import { generateKeyPairSync } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import { Option, type Command } from 'commander';
import { keyFingerprint, keyIdOf, publicKeyFromPem } from '../audit/checkpoint-signature.js';
import { exportAuditTrail } from '../audit-trail/audit-exporter.js';
import { VERIFY_PAGE_SIZE } from '../audit-trail/chain-range.js';
import { postgresAuditGrants } from '../audit-trail/postgres-audit-grants.js';
import { systemClock } from '../common/clock.js';
import { UsageError } from '../common/vigil-error.js';
import { openAuditTrail } from '../composition-root.js';
import { isoTimestamp } from '../store/iso-timestamp.js';
import { CliExit, EXIT, println, type CliIo } from './cli-io.js';
import { integerFlag } from './numeric-flags.js';
import { configFrom, withSharedOptions, type SharedFlags } from './shared-options.js';

const DEFAULT_KEY_FILE = '.vigil/audit-signing-key.pem';

/**
 * `vigil audit keygen|verify|export|expire|checkpoint`: the tamper-evident trail's tools. Nothing here
 * (or anywhere in Vigil) updates or deletes an audit record; `expire` moves the retention anchor.
 *
 * @example
 * await runCli(['audit', 'verify', '--db', '.vigil/vigil.db', '--public-key', 'audit.pub.pem']);
 */
export const registerAudit = (program: Command, io: CliIo): void => {
  const audit = program.command('audit').description('the tamper-evident audit trail: signing keys, verification, export, retention');

  withSharedOptions(
    audit
      .command('keygen')
      .description('create an Ed25519 checkpoint signing key (private key to a 0600 file, public key printed)')
      .option('-o, --out <file>', `private key file (default audit.signingKeyFile, $VIGIL_AUDIT_KEY_FILE, or ${DEFAULT_KEY_FILE})`)
      .option('--force', 'replace an existing key file (checkpoints signed with the old key then need the old public key)'),
  ).action(async (flags: SharedFlags & { out?: string; force?: boolean }) => {
    const config = await configFrom(io, flags);
    const out = resolve(io.cwd, flags.out ?? config.audit.signingKeyFile ?? DEFAULT_KEY_FILE);
    if (existsSync(out) && !flags.force) throw new UsageError(`${out} exists; pass --force to replace it`);
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    await mkdir(dirname(out), { recursive: true });
    // 0600 from creation: the private key is never readable by others, never printed, never stored in the database.
    await writeFile(out, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: flags.force ? 'w' : 'wx' });
    const pub = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    await writeFile(`${out}.pub`, pub, { mode: 0o644 });
    println(io.stderr, `private key written to ${out} (mode 0600); public key to ${out}.pub`);
    println(io.stderr, `key id ${keyIdOf(publicKey)}, fingerprint sha256:${keyFingerprint(publicKey)}`);
    println(io.stderr, `set audit.signingKeyFile: ${out} (or VIGIL_AUDIT_KEY_FILE) and give auditors the public key:`);
    io.stdout.write(pub);
  });

  withSharedOptions(
    audit
      .command('verify')
      .description('recompute the chain and the signed checkpoints; name the first broken record (exit 1)')
      .option('--public-key <file>', 'the public key checkpoints must verify with (default: the configured signing key\'s)')
      .option('--page-size <n>', 'events read per query', String(VERIFY_PAGE_SIZE))
      .option('--workers <n>', 'threads that verify ranges of a long chain at once, each with its own connection (default: the cores, at most 4; 1 streams it on one thread)')
      .addOption(new Option('-f, --format <format>', 'output').choices(['text', 'json']).default('text')),
  ).action(async (flags: SharedFlags & { publicKey?: string; pageSize: string; workers?: string; format: string }) => {
    const workers = integerFlag('workers', flags.workers, { min: 1, max: 64 }) ?? Math.min(4, availableParallelism());
    const config = await configFrom(io, flags);
    const trail = await openAuditTrail(config);
    try {
      const publicKey = flags.publicKey ? publicKeyFromPem(await readFile(resolve(io.cwd, flags.publicKey), 'utf8'), flags.publicKey) : trail.key?.publicKey;
      const report = await trail.verify({ pageSize: integerFlag('page-size', flags.pageSize, { min: 1, max: 1_000_000 }) ?? VERIFY_PAGE_SIZE, workers, ...(publicKey ? { publicKey } : {}) });
      if (flags.format === 'json') println(io.stdout, JSON.stringify(report, null, 2));
      else {
        const cps = report.checkpoints;
        const from = report.anchor.seq ? `from the anchor at seq ${report.anchor.seq}` : 'from the first record';
        if (report.ok) println(io.stdout, `audit trail OK: ${report.checked} events verified ${from} to seq ${report.head.seq} (head ${report.head.hash}); ${cps.checked} checkpoint(s)${publicKey ? ` signed by key ${keyIdOf(publicKey)}` : ' (signatures NOT checked: no public key)'}`);
        else println(io.stdout, `audit trail BROKEN at seq ${report.firstBreak!.seq}: ${report.firstBreak!.reason} — ${report.firstBreak!.detail} (${report.checked} events verified before it)`);
      }
      if (!report.ok) throw new CliExit(EXIT.failure);
    } finally {
      await trail.close();
    }
  });

  withSharedOptions(
    audit
      .command('export')
      .description('write a stretch of the trail as JSON Lines for offline verification (scripts/verify-audit-export.mjs)')
      .option('--from <date>', 'first event at or after this instant')
      .option('--to <date>', 'stop before this instant')
      .option('-o, --output <file>', 'write here instead of stdout'),
  ).action(async (flags: SharedFlags & { from?: string; to?: string; output?: string }) => {
    const config = await configFrom(io, flags);
    const range = { ...(flags.from ? { from: isoTimestamp(flags.from, '--from') } : {}), ...(flags.to ? { to: isoTimestamp(flags.to, '--to') } : {}) };
    const trail = await openAuditTrail(config);
    try {
      const out = flags.output ? createWriteStream(resolve(io.cwd, flags.output)) : io.stdout;
      const lines = exportAuditTrail(trail.store.audit, trail.store.checkpoints, { ...range, generatedAt: systemClock.now().toISOString(), ...(trail.key ? { keyId: trail.key.keyId } : {}) });
      for await (const line of lines) if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
      if (flags.output) {
        out.end();
        await finished(out);
        println(io.stderr, `audit export written to ${flags.output}`);
      }
    } finally {
      await trail.close();
    }
  });

  withSharedOptions(
    audit
      .command('expire')
      .description('retention: drop events before a date, recording the expiry and carrying the chain anchor forward')
      .requiredOption('--before <date>', 'events before this instant expire (the oldest contiguous run of them)'),
  ).action(async (flags: SharedFlags & { before: string }) => {
    const config = await configFrom(io, flags);
    const before = isoTimestamp(flags.before, '--before');
    const trail = await openAuditTrail(config);
    try {
      const { audit } = trail.store;
      let upTo = (await audit.anchor()).seq;
      // The oldest contiguous run of events before the date: the anchor must stay a point of the chain.
      scan: for (;;) {
        const page = await audit.chain(upTo, 10_000);
        if (!page.length) break;
        for (const e of page) {
          if (e.at >= before) break scan;
          upTo = e.seq;
        }
      }
      const anchorBefore = await audit.anchor();
      if (upTo === anchorBefore.seq) {
        println(io.stdout, `nothing to expire before ${before}`);
        return;
      }
      const at = systemClock.now().toISOString();
      const anchor = await trail.store.transaction(async (tx) => {
        const a = await tx.audit.expire(upTo, at);
        await tx.audit.append([
          { type: 'audit.expired', subjectKind: 'system', subjectId: 'audit-trail', actor: `cli:${io.env.USER ?? 'unknown'}`, at, data: { before, fromSeq: anchorBefore.seq + 1, upToSeq: a.seq, anchorHash: a.hash } },
        ]);
        return a;
      });
      await trail.checkpointer.checkpoint(trail.store);
      println(io.stdout, `expired events ${anchorBefore.seq + 1}..${anchor.seq}; the chain is now anchored at seq ${anchor.seq} (${anchor.hash})`);
    } finally {
      await trail.close();
    }
  });

  withSharedOptions(audit.command('checkpoint').description('sign the current head of the chain now (needs audit.signingKeyFile)')).action(async (flags: SharedFlags) => {
    const config = await configFrom(io, flags);
    const trail = await openAuditTrail(config);
    try {
      if (!trail.key) throw new UsageError('audit.signingKeyFile is not set: create a key with `vigil audit keygen` and set it (or VIGIL_AUDIT_KEY_FILE)');
      const cp = await trail.checkpointer.checkpoint(trail.store);
      println(io.stdout, cp ? `checkpoint at seq ${cp.seq} (${cp.headHash}) signed by key ${cp.keyId}` : 'the head is already checkpointed (or the trail is empty)');
    } finally {
      await trail.close();
    }
  });

  audit
    .command('grants')
    .description('print the PostgreSQL GRANT/REVOKE script that makes the trail append-only for the runtime role')
    .requiredOption('--role <role>', 'the role Vigil runs as')
    .option('--schema <schema>', 'the store schema', 'public')
    .action((flags: { role: string; schema: string }) => {
      try {
        io.stdout.write(postgresAuditGrants(flags.schema, flags.role));
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
    });
};
