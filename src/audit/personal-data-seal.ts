import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { AuditEvent, AuditEventInput } from './audit-event.js';

/** An IAM user's ARN anywhere in a text: the prefix (partition, account, path) and the user name. */
export const IAM_USER_ARN = /(arn:aws[a-z-]*:iam::\d{12}:user\/(?:[\w+=,.@-]+\/)*)([\w+=,.@-]+)/g;
/** An e-mail address anywhere in a text. */
export const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
/** Keys whose string value names a person wherever they sit in event data or evidence. */
export const PERSON_KEYS: ReadonlySet<string> = new Set(['owner', 'previousOwner', 'approver', 'approvedBy', 'requestedBy', 'rejectedBy', 'recipient', 'recipients', 'to', 'email', 'user', 'userName', 'UserName']);

/** What a sealed value reads as once its person's key is destroyed. */
export const ERASED_VALUE = '[erased]';

/** A sealed value inside a text: `[[pii:<key id>:<base64url of iv, ciphertext and tag>]]`. */
const TOKEN = /\[\[pii:([0-9a-f]{16}):([A-Za-z0-9_-]+)\]\]/g;
/** Quick tests on an event's JSON before walking it: most events name nobody. */
const MAY_NAME_SOMEONE = new RegExp(`@|:user/|["./](?:${[...PERSON_KEYS].join('|')})"`);
/** Evidence whose path ends in a person key (`Tags.owner`, `UserName`): its actual value is a person. */
const PERSON_PATH = new RegExp(`(?:^|[./])(?:${[...PERSON_KEYS].join('|')})$`);

/** One person's data key (AES-256-GCM), kept outside the chain so that destroying it erases the person. */
export interface PersonKey {
  keyId: string;
  key: Buffer;
}

/**
 * Where the per-person keys live (a store table beside the chain, never in it).
 * `keysFor` returns the key of every person reference, creating missing ones (inside the append's
 * transaction); `keysById` the keys that still exist (an erased person's key is absent).
 */
export interface PersonKeyRing {
  keysFor(refs: readonly string[]): Promise<Map<string, PersonKey>>;
  keysById(ids: readonly string[]): Promise<Map<string, Buffer>>;
}

/**
 * The reference a person's key is filed under: a hash of the name as written, trimmed and lower-cased
 * (so `Alice@Example.com` and `alice@example.com` share a key). Erasure deletes the row it names.
 * @example personRef('alice') === personRef(' Alice ')
 */
export const personRef = (person: string): string => createHash('sha256').update(`vigil-person/1\u0000${person.trim().toLowerCase()}`).digest('hex');

/** A fresh random key for a person. @example newPersonKey().key.length === 32 */
export const newPersonKey = (): PersonKey => ({ keyId: randomBytes(8).toString('hex'), key: randomBytes(32) });

/** Calls `f` for each person occurrence the rules find in a string (under `key` when it sits in an object). */
const eachPerson = (s: string, key: string | undefined, f: (person: string) => string): string => {
  if (s.startsWith('[[pii:') && s.endsWith(']]')) return s;
  if (key !== undefined && PERSON_KEYS.has(key)) return s.startsWith('user:') ? `user:${f(s.slice(5))}` : f(s);
  return s.replace(IAM_USER_ARN, (_m, prefix: string, name: string) => `${prefix}${f(name)}`).replace(EMAIL, (m) => f(m));
};

const mapStrings = (v: unknown, f: (s: string, key: string | undefined) => string, key?: string): unknown => {
  if (typeof v === 'string') return f(v, key);
  if (Array.isArray(v)) return v.map((x) => mapStrings(x, f, key));
  if (v && typeof v === 'object') {
    const path = (v as { path?: unknown }).path;
    const personPath = typeof path === 'string' && PERSON_PATH.test(path);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mapStrings(x, f, personPath && k === 'actual' ? 'owner' : k)]));
  }
  return v;
};

/** Applies `f` to the person-bearing parts of an event: the `user:` actor, the subject id, the data. */
const mapPeople = <E extends AuditEventInput>(e: E, f: (person: string) => string): E => ({
  ...e,
  actor: e.actor.startsWith('user:') ? `user:${f(e.actor.slice(5))}` : e.actor,
  subjectId: eachPerson(e.subjectId, undefined, f),
  data: mapStrings(e.data, (s, k) => eachPerson(s, k, f)) as Record<string, unknown>,
});

const seal = (plain: string, k: PersonKey): string => {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', k.key, iv);
  const body = Buffer.concat([iv, c.update(plain, 'utf8'), c.final(), c.getAuthTag()]);
  return `[[pii:${k.keyId}:${body.toString('base64url')}]]`;
};

const unseal = (body: string, key: Buffer | undefined): string => {
  if (!key) return ERASED_VALUE;
  const b = Buffer.from(body, 'base64url');
  const d = createDecipheriv('aes-256-gcm', key, b.subarray(0, 12));
  d.setAuthTag(b.subarray(b.length - 16));
  return Buffer.concat([d.update(b.subarray(12, b.length - 16)), d.final()]).toString('utf8');
};

/**
 * Crypto-shredding for the audit trail (docs/audit.md, "Personal data"): every person an event names
 * (a `user:` actor, an IAM user name in an ARN, an e-mail address, a value under a person key such as
 * `owner`) is stored encrypted under that person's own key, kept outside the chain. The chain hashes
 * the sealed text, so destroying the key later (erase-person) erases the person and leaves the chain
 * verifiable. Events that name nobody are returned as they are.
 *
 * @example
 * const [sealed] = await sealPeople([{ ...e, actor: 'user:alice@example.com' }], ring);
 * sealed.actor; // 'user:[[pii:3f9c0e1a2b4d5e6f:…]]'
 */
export const sealPeople = async <E extends AuditEventInput>(events: readonly E[], ring: PersonKeyRing): Promise<E[]> => {
  const people = new Map<number, Set<string>>();
  events.forEach((e, i) => {
    if (!e.actor.startsWith('user:') && !MAY_NAME_SOMEONE.test(e.subjectId) && !MAY_NAME_SOMEONE.test(JSON.stringify(e.data ?? {}))) return;
    const found = new Set<string>();
    mapPeople(e, (p) => (found.add(p), p));
    if (found.size) people.set(i, found);
  });
  if (people.size === 0) return [...events];
  const refs = [...new Set([...people.values()].flatMap((s) => [...s].map(personRef)))];
  const keys = await ring.keysFor(refs);
  return events.map((e, i) => (people.has(i) ? mapPeople(e, (p) => seal(p, keys.get(personRef(p))!)) : e));
};

/**
 * The readable form of stored events: each sealed person decrypted with their key, or
 * {@link ERASED_VALUE} once the key is destroyed. Hashes are of the sealed text (what is stored).
 * @example (await openPeople(await store.audit.list(), ring))[0].actor; // 'user:alice@example.com' or 'user:[erased]'
 */
export const openPeople = async <E extends AuditEvent>(events: readonly E[], ring: PersonKeyRing): Promise<E[]> => {
  const ids = new Set<string>();
  const texts = events.map((e) => `${e.actor}\u0000${e.subjectId}\u0000${JSON.stringify(e.data)}`);
  for (const t of texts) if (t.includes('[[pii:')) for (const m of t.matchAll(TOKEN)) ids.add(m[1]!);
  if (ids.size === 0) return [...events];
  const keys = await ring.keysById([...ids]);
  const open = (s: string): string => (s.includes('[[pii:') ? s.replace(TOKEN, (_m, id: string, body: string) => unseal(body, keys.get(id))) : s);
  return events.map((e, i) =>
    texts[i]!.includes('[[pii:') ? { ...e, actor: open(e.actor), subjectId: open(e.subjectId), data: mapStrings(e.data, open) as Record<string, unknown> } : e,
  );
};
