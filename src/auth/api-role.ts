/**
 * What a signed-in caller may do on the API, each role including the one before: a viewer reads, an
 * approver also approves or rejects enforcement (`POST /api/violations/:id/approve|reject`), an admin
 * may do everything a later write route allows.
 *
 * @example roleAllows('approver', 'viewer'); // true
 */
export type ApiRole = 'viewer' | 'approver' | 'admin';

export const API_ROLES: readonly ApiRole[] = ['viewer', 'approver', 'admin'];

/** Whether `has` is at least `needs`. @example roleAllows('viewer', 'approver'); // false */
export const roleAllows = (has: ApiRole, needs: ApiRole): boolean => API_ROLES.indexOf(has) >= API_ROLES.indexOf(needs);

/** @example isApiRole('admin'); // true */
export const isApiRole = (s: unknown): s is ApiRole => typeof s === 'string' && (API_ROLES as readonly string[]).includes(s);
