import { VigilError } from '../common/vigil-error.js';

/**
 * The errors every store implementation (Kysely, in-memory) reports, built in one place so that their
 * codes, statuses and details cannot drift apart between the real stores and the fake.
 *
 * @example
 * throw violationConflict(['v-1']); // VigilError code 'store.conflict', status 409, details { ids: ['v-1'] }
 */
export const violationConflict = (ids: string[]): VigilError =>
  new VigilError('store.conflict', `violation ${ids.join(', ')} was changed by another writer (or does not exist); nothing was written`, {
    status: 409,
    details: { ids },
  });

/** Something unique (an id, a key) exists already: another writer got there first. */
export const writeConflict = (message: string, cause?: unknown): VigilError =>
  new VigilError('store.conflict', `another writer changed the same data first: ${message}`, { status: 409, ...(cause === undefined ? {} : { cause }) });

export const scanNotFound = (id: string): VigilError => new VigilError('store.not-found', `no scan ${id}`, { status: 404, details: { id } });

export const storeClosed = (): VigilError => new VigilError('store.closed', 'the store is closed', { status: 503 });

export const auditEventNotFound = (seq: number): VigilError =>
  new VigilError('store.not-found', `no audit event with seq ${seq} in the stored chain`, { status: 404, details: { seq } });
export const actionNotFound = (id: string): VigilError =>
  new VigilError('store.not-found', `no enforcement action ${id}`, { status: 404, details: { id } });
