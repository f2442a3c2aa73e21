/** What the service prints once it listens: where to point a browser, and how to send an order. */
export function banner(url: string, tokenRequired: boolean): string {
  const auth = tokenRequired ? ` \\\n    -H "Authorization: Bearer $EXO_TOKEN"` : '';
  return [
    '',
    `  exo is running. Dashboard: ${url}/`,
    '',
    '  Send an order:',
    `    curl -s -X POST ${url}/v1/orders -H 'content-type: application/json'${auth} \\`,
    `      -d '{"side":"buy","symbol":"BTC-USD","quantity":"0.5","algo":"twap","params":{"durationMs":30000}}'`,
    '',
    `  Follow events: curl -N ${url}/v1/events${tokenRequired ? ' -H "Authorization: Bearer $EXO_TOKEN"' : ''}`,
    `  API document:  ${url}/openapi.json`,
    '  Stop: Ctrl-C',
    '',
  ].join('\n');
}
