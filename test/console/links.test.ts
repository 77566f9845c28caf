import { describe, expect, it } from 'vitest';
import { isWebLink } from '../../agent-console/src/lib/links.js';

describe('which attachment URLs become links', () => {
  it.each([
    ['https://12345.yantai.gov.cn/files/a.jpg', true],
    ['HTTP://example.org/x', true],
    ['javascript:alert(1)', false],
    ['data:text/html,<script>1</script>', false],
    ['//example.org/x', false],
    ['https:// ', false],
  ])('%s → %s', (url, link) => {
    expect(isWebLink(url)).toBe(link);
  });
});
