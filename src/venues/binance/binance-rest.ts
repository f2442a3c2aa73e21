import { BinanceApiError, BinanceNoAnswerError } from './binance-api-error.js';
import type { BinanceSigner } from './binance-signer.js';
import type { ServerTime } from './server-time.js';

/** What a REST client needs: where, who, whose clock, and how patient. */
export interface BinanceRestSettings {
  /** `https://api.binance.com` or a local Binance's `http://127.0.0.1:9200`. */
  readonly baseUrl: string;
  readonly signer: BinanceSigner;
  readonly time: ServerTime;
  readonly recvWindowMs: number;
  readonly timeoutMs: number;
  /** Told of each answer's used weight header (X-MBX-USED-WEIGHT-1M), when there is one. */
  readonly onUsedWeight?: (used: number) => void;
}

/** Parameters of a REST request, as text. */
export type RestParams = Readonly<Record<string, string | number>>;

/**
 * Binance's REST API for what the adapter reconciles with (openOrders, order, myTrades) and the
 * public calls (time, exchangeInfo). Signed requests carry `timestamp`, `recvWindow` and the
 * signature of the query string, and the API key as X-MBX-APIKEY. A refusal is a
 * BinanceApiError with Binance's code (Retry-After read on 429/418); no answer in time is a
 * BinanceNoAnswerError.
 */
export class BinanceRest {
  readonly #settings: BinanceRestSettings;

  constructor(settings: BinanceRestSettings) {
    this.#settings = settings;
  }

  /** A public GET. */
  get<T>(path: string, params: RestParams = {}): Promise<T> {
    return this.#request<T>(path, new URLSearchParams(textOf(params)).toString(), {});
  }

  /** A signed GET (SIGNED security). */
  signedGet<T>(path: string, params: RestParams = {}): Promise<T> {
    const { signer, time, recvWindowMs } = this.#settings;
    const query = new URLSearchParams(
      textOf({ ...params, recvWindow: recvWindowMs, timestamp: time.now() }),
    ).toString();
    const signed = `${query}&signature=${encodeURIComponent(signer.sign(query))}`;
    return this.#request<T>(path, signed, { 'X-MBX-APIKEY': signer.apiKey });
  }

  async #request<T>(path: string, query: string, headers: Record<string, string>): Promise<T> {
    const { baseUrl, timeoutMs, onUsedWeight } = this.#settings;
    let response: Response;
    try {
      response = await fetch(`${baseUrl}${path}${query === '' ? '' : `?${query}`}`, {
        headers,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new BinanceNoAnswerError(`GET ${path}: ${(error as Error).message}`);
    }
    const used = Number(response.headers.get('x-mbx-used-weight-1m'));
    if (Number.isFinite(used) && response.headers.has('x-mbx-used-weight-1m')) onUsedWeight?.(used);
    const body = (await response.json().catch(() => undefined)) as
      | { code?: number; msg?: string }
      | undefined;
    if (response.ok) return body as T;
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new BinanceApiError(
      response.status,
      typeof body?.code === 'number' ? body.code : -1,
      typeof body?.msg === 'string' ? body.msg : `HTTP ${response.status} on GET ${path}`,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
    );
  }
}

function textOf(params: RestParams): [string, string][] {
  return Object.entries(params).map(([name, value]) => [name, String(value)]);
}
