/**
 * A page of a list read: at most `limit` items after skipping `offset`. Every list method of every
 * port takes one; leaving both out means "all of them".
 *
 * @example
 * await store.violations.list({ states: ['open'], limit: 50, offset: 100 }); // the third page of 50
 */
export interface Page {
  limit?: number;
  offset?: number;
}
