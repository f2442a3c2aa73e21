import type { RiskRefusal } from './risk-limits.js';

/**
 * An instruction a risk check refused before anything was journaled: the API answers it 422
 * `risk_limit` with the refusal's rule, limit and value.
 */
export class RiskRefusalError extends Error {
  override readonly name = 'RiskRefusalError';

  constructor(readonly refusal: RiskRefusal) {
    super(refusal.message);
  }
}
