/** One schema validation failure, as fastify's ajv reports it. */
export interface ValidationFailure {
  readonly keyword: string;
  readonly instancePath: string;
  readonly message?: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/**
 * A message naming the offending field for a failed schema check: `quantity: must be string`,
 * `colour: unknown field`, `side: required`. The field is the path inside the body, query or
 * params, dotted.
 */
export function validationMessage(failures: readonly ValidationFailure[]): string {
  return failures.map(describeFailure).join('; ');
}

function describeFailure(failure: ValidationFailure): string {
  const path = failure.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const at = (name: unknown): string => (path === '' ? String(name) : `${path}.${String(name)}`);
  switch (failure.keyword) {
    case 'additionalProperties':
      return `${at(failure.params.additionalProperty)}: unknown field, not accepted`;
    case 'required':
      return `${at(failure.params.missingProperty)}: required`;
    case 'enum': {
      const allowed = failure.params.allowedValues;
      const list = Array.isArray(allowed) ? allowed.join(', ') : '';
      return `${path}: expected one of ${list}`;
    }
    default:
      return `${path === '' ? 'body' : path}: ${failure.message ?? 'invalid'}`;
  }
}
