/** Bad input: the CLI prints the message (which names the field and the value) and exits with 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** RangeErrors raised by the library on bad arguments are usage errors too */
export function isUsageError(e: unknown): e is Error {
  return e instanceof UsageError || e instanceof RangeError;
}

/** a failure with its own exit code (e.g. 130 for an interrupted run); the CLI prints the message */
export class ExitCodeError extends Error {
  override name = "ExitCodeError";
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}
