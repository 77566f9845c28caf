import { describe, expect, it } from 'vitest';
import { maskPhone } from '../../../server/core/phone.js';

describe('maskPhone', () => {
  it.each([
    ['13905350002', '139****0002'],
    ['053566123456', '053*****3456'],
    // A local landline keeps 2 and 2: never all but one or two of its digits.
    ['6612345', '66***45'],
    ['56612345', '56****45'],
    ['0535661234', '05******34'],
    ['110', '***'],
    ['123456', '******'],
    ['', ''],
  ])('%s → %s', (phone, want) => expect(maskPhone(phone)).toBe(want));

  it('hides at least 3 digits of any number of 7 or more', () => {
    for (let n = 7; n <= 20; n++) {
      const masked = maskPhone('9'.repeat(n));
      expect(masked.length).toBe(n);
      expect(masked.split('').filter((c) => c === '*').length).toBeGreaterThanOrEqual(3);
    }
  });
});
