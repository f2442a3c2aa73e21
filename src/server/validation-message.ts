/**
 * One schema validation failure, as fastify's ajv reports it with `verbose` on: the failing
 * value and the schema holding the failed keyword come with it, so a message can use them.
 */
export interface ValidationFailure {
  readonly keyword: string;
  readonly instancePath: string;
  readonly message?: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly data?: unknown;
  readonly parentSchema?: { readonly description?: string };
}

/** The longest field name a message repeats: a client's typo is named, not echoed at length. */
const MAX_NAME_LENGTH = 64;

/** What part of a request failed its schema, as fastify names it. */
export type ValidationContext = 'body' | 'querystring' | 'params' | 'headers';

/**
 * A message naming the offending field for a failed schema check: `quantity: must be string`,
 * `colour: unknown field`, `side: required`, `side: expected buy or sell, in any letter case`
 * (a failed pattern says what its schema's description says is expected, never the regex), and
 * `limit: given more than once` for a query parameter repeated where one value is taken. The
 * field is the path inside the body, query or params, dotted.
 */
export function validationMessage(
  failures: readonly ValidationFailure[],
  context: ValidationContext = 'body',
): string {
  return failures.map((failure) => describeFailure(failure, context)).join('; ');
}

function describeFailure(failure: ValidationFailure, context: ValidationContext): string {
  const path = failure.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const at = (name: unknown): string => {
    const field = shorten(String(name));
    return path === '' ? field : `${path}.${field}`;
  };
  const here = path === '' ? context : path;
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
    case 'pattern':
      return `${here}: expected ${failure.parentSchema?.description ?? 'another format'}`;
    case 'type':
      if (context === 'querystring' && Array.isArray(failure.data))
        return `${here}: given more than once; give it once`;
      return `${here}: ${failure.message ?? 'invalid'}`;
    default:
      return `${here}: ${failure.message ?? 'invalid'}`;
  }
}

function shorten(name: string): string {
  return name.length <= MAX_NAME_LENGTH ? name : `${name.slice(0, MAX_NAME_LENGTH)}…`;
}
