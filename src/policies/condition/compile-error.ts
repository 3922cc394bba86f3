/** A problem in a condition, with the path of the offending node below `where` (mapped to file:line:col by the loader). */
export class CompileError extends Error {
  constructor(
    message: string,
    readonly path: (string | number)[],
  ) {
    super(message);
    this.name = 'CompileError';
  }

  /** The same error seen from one level up. */
  under(...prefix: (string | number)[]): CompileError {
    return new CompileError(this.message, [...prefix, ...this.path]);
  }
}

/** Runs `fn`; any plain Error it throws becomes a CompileError at `path`, and nested CompileErrors get the prefix. */
export const at = <T>(path: (string | number)[], fn: () => T): T => {
  try {
    return fn();
  } catch (e) {
    if (e instanceof CompileError) throw e.under(...path);
    throw new CompileError((e as Error).message, path);
  }
};
