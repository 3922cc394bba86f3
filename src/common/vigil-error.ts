/**
 * The one error base class. Every error a user can see carries a stable `code` (for scripts and
 * the API), an HTTP status, and optional details such as a file location.
 *
 * @example
 * throw new VigilError('policy.invalid', 'policies/s3.yaml:4:7  unknown operator "eqq"', { status: 400 });
 */
export class VigilError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, message: string, opts: { status?: number; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'VigilError';
    this.code = code;
    this.status = opts.status ?? 500;
    this.details = opts.details;
  }

  toJSON(): { code: string; message: string; details?: Record<string, unknown> } {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}

/** Bad input from a person (config, policy, flag): exit code 2 on the CLI, 400 on the API. */
export class UsageError extends VigilError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('usage', message, details ? { status: 400, details } : { status: 400 });
    this.name = 'UsageError';
  }
}

/** A location in a source file, 1-based, as editors show it. */
export interface SourceLocation {
  file: string;
  line: number;
  col: number;
}

/** One problem found in a file; many are collected before anything is reported. */
export interface Diagnostic extends Partial<SourceLocation> {
  message: string;
  /** JSON path of the offending node inside the document, e.g. ['0', 'where', 'all', '1']. */
  path?: (string | number)[];
}

export const formatDiagnostic = (d: Diagnostic): string =>
  d.file ? `${d.file}:${d.line ?? 1}:${d.col ?? 1}  ${d.message}` : d.message;

/** Raised when a whole document set is invalid; carries every diagnostic, not only the first. */
export class DiagnosticsError extends VigilError {
  readonly diagnostics: Diagnostic[];
  constructor(code: string, diagnostics: Diagnostic[]) {
    super(code, diagnostics.map(formatDiagnostic).join('\n'), { status: 400, details: { diagnostics } });
    this.name = 'DiagnosticsError';
    this.diagnostics = diagnostics;
  }
}
