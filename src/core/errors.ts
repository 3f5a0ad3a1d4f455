/**
 * An error the user can act on. Every MsoError ends the process with exit 2
 * (fail closed) and its message printed as is, without a stack trace.
 */
export class MsoError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 2,
  ) {
    super(message);
    this.name = 'MsoError';
  }
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
