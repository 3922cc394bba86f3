/**
 * Whether an error is worth another attempt: throttling, a 5xx, a timeout or a dropped connection.
 * Everything else (AccessDenied, a missing resource, bad parameters) fails the same way every time,
 * so the message goes to the dead letters at once instead of burning its deliveries.
 */
export const isTransient = (err: unknown): boolean => {
  const e = err as { name?: string; code?: string; $retryable?: unknown; $metadata?: { httpStatusCode?: number }; transient?: boolean } | null;
  if (!e) return false;
  if (e.transient === true || e.$retryable) return true;
  if (/Throttl|TooManyRequests|RequestLimitExceeded|ServiceUnavailable|InternalError|InternalFailure|SlowDown|RequestTimeout|PriorRequestNotComplete|OperationAborted/.test(e.name ?? '')) return true;
  if ((e.$metadata?.httpStatusCode ?? 0) >= 500) return true;
  return ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'store.conflict', 'store.closed'].includes(e.code ?? '');
};

/** A short, secret-free description of an error for records and the audit trail. */
export const describeError = (err: unknown): string => {
  const e = err as { name?: string; message?: string; code?: string } | null;
  const name = e?.name && e.name !== 'Error' ? `${e.name}: ` : '';
  return `${name}${e?.message ?? String(err)}`.slice(0, 2_000);
};
