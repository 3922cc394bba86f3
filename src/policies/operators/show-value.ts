/** A value as a person reads it in evidence: strings bare, everything else as short JSON. */
export const showValue = (v: unknown): string => {
  if (typeof v === 'string') return v;
  if (v === undefined) return 'missing';
  const s = JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
};
