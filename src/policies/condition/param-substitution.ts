/** Replaces `{ param: name }` anywhere in an operand or filter argument with the parameter's value. */
export const substituteParams = <T>(value: T, params: Record<string, unknown>): T => {
  if (Array.isArray(value)) return value.map((v) => substituteParams(v, params)) as T;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === 'param') {
      const name = o.param;
      if (typeof name !== 'string' || !(name in params)) {
        throw new Error(`unknown parameter ${JSON.stringify(name)}; declared: ${Object.keys(params).join(', ') || 'none'}`);
      }
      return params[name] as T;
    }
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = substituteParams(o[k], params);
    return out as T;
  }
  return value;
};

