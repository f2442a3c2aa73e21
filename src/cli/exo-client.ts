import { withoutCredentials } from '../util/without-credentials.js';

/** How long one request to a running exo may take before the CLI gives up on it. */
const REQUEST_TIMEOUT_MS = 5_000;

/** A request to a running exo that failed: it could not be reached, or it refused; one line. */
export class ExoRequestError extends Error {
  override readonly name = 'ExoRequestError';
}

/**
 * A running exo's HTTP API as the command line reaches it: JSON in and out, with the bearer token
 * when one is given. Every failure is an ExoRequestError whose message names the URL (without
 * credentials) and what went wrong, never the token.
 */
export class ExoClient {
  readonly #url: string;
  readonly #token: string | undefined;

  constructor(url: string, token?: string) {
    this.#url = url.replace(/\/+$/, '');
    this.#token = token;
  }

  /** GETs `path`'s JSON. */
  get<T>(path: string): Promise<T> {
    return this.#request<T>('GET', path);
  }

  /** POSTs `body` as JSON to `path` and returns the answer's JSON. */
  post<T>(path: string, body: object): Promise<T> {
    return this.#request<T>('POST', path, body);
  }

  async #request<T>(method: string, path: string, body?: object): Promise<T> {
    const shown = withoutCredentials(this.#url);
    let response: Response;
    try {
      response = await fetch(`${this.#url}${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(this.#token === undefined ? {} : { authorization: `Bearer ${this.#token}` }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new ExoRequestError(`could not reach exo at ${shown}: ${failureOf(error)}`);
    }
    const text = await response.text();
    const json = parseJson(text);
    if (!response.ok) {
      const { error, message } = (json ?? {}) as { error?: unknown; message?: unknown };
      const why = typeof error === 'string' ? `${error}: ${String(message)}` : text.slice(0, 200);
      throw new ExoRequestError(
        `exo at ${shown} refused ${method} ${path}: ${response.status} ${withoutCredentials(why)}`,
      );
    }
    if (json === undefined) {
      throw new ExoRequestError(`exo at ${shown} answered ${method} ${path} with no JSON`);
    }
    return json as T;
  }
}

/** Why a fetch failed, in a few words: its cause's code and message (ECONNREFUSED ...), or a timeout. */
function failureOf(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return `no answer within ${REQUEST_TIMEOUT_MS} ms`;
  }
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
