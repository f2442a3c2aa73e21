import type { ExoConfig } from './config.js';

/**
 * What the service prints once it listens: where to point a browser, and how to send an order.
 * With a token, the examples name where it came from (the variable, or a placeholder for the
 * flag's value) and never print the token itself.
 */
export function banner(url: string, tokenFrom: ExoConfig['tokenFrom']): string {
  const bearer = tokenFrom === 'EXO_TOKEN' ? '$EXO_TOKEN' : '<the token given with --token>';
  const header = tokenFrom === undefined ? '' : ` -H "Authorization: Bearer ${bearer}"`;
  return [
    '',
    `  exo is running. Dashboard: ${url}/`,
    ...(tokenFrom === undefined ? [] : [`  The API requires the bearer token from ${tokenFrom}.`]),
    '',
    '  Send an order:',
    `    curl -s -X POST ${url}/v1/orders -H 'content-type: application/json'${header === '' ? '' : ` \\\n     ${header}`} \\`,
    `      -d '{"side":"buy","symbol":"BTC-USD","quantity":"0.5","algo":"twap","params":{"durationMs":30000}}'`,
    '',
    `  Follow events: curl -N ${url}/v1/events${header}`,
    `  API document:  ${url}/openapi.json`,
    '  Stop: Ctrl-C',
    '',
  ].join('\n');
}
