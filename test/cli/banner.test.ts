import { describe, expect, it } from 'vitest';
import { banner } from '../../src/cli/banner.js';

const URL = 'http://127.0.0.1:8080';

describe('the start banner', () => {
  it('sends no Authorization header when there is no token', () => {
    const text = banner(URL, undefined);
    expect(text).toContain(`curl -s -X POST ${URL}/v1/orders`);
    expect(text).not.toContain('Authorization');
  });

  it('uses $EXO_TOKEN in the examples when the token came from the variable', () => {
    const text = banner(URL, 'EXO_TOKEN');
    expect(text).toContain('token from EXO_TOKEN');
    expect(text.match(/Authorization: Bearer \$EXO_TOKEN/g)).toHaveLength(2);
  });

  it('names --token, not $EXO_TOKEN (which is not set), when the token came from the flag', () => {
    const text = banner(URL, '--token');
    expect(text).toContain('token from --token');
    expect(text).not.toContain('$EXO_TOKEN');
    expect(text.match(/Authorization: Bearer <the token given with --token>/g)).toHaveLength(2);
  });
});
