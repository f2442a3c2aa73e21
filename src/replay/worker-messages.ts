/** A job for a pool worker: its index among the inputs, and its input. */
export interface PoolRequest {
  readonly index: number;
  readonly input: unknown;
}

/** What a pool worker sends back: progress, a job's output, or why it failed. */
export type PoolReply =
  | { readonly kind: 'progress'; readonly units: number }
  | { readonly kind: 'done'; readonly index: number; readonly output: unknown }
  | { readonly kind: 'failed'; readonly index: number; readonly message: string };
