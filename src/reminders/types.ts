// The reminder run's shared shapes, in a module of their own so delivery and leases need not import run.ts.

export interface RunLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface RetryPolicy {
  /** Wait before the second attempt; doubles with every further attempt. */
  firstDelayMs: number;
  /** Attempts in all before a mail is marked failed. */
  maxAttempts: number;
}
