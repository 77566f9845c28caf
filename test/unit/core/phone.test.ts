import { describe, expect, it } from 'vitest';
import { maskPhone, phoneKey } from '../../../server/core/phone.js';

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

describe('phoneKey', () => {
  it.each([
    // Mobiles, as operators type them, as Yantai sends them, as gateways and trunks send them.
    ['13812345678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['+8613812345678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['+86-138-1234-5678', '13812345678'],
    ['(+86) 138 1234 5678', '13812345678'],
    ['8613812345678', '13812345678'],
    ['008613812345678', '13812345678'],
    ['0086-138-1234-5678', '13812345678'],
    ['013812345678', '13812345678'],
    ['+86 013812345678', '13812345678'],
    ['19912345678', '19912345678'],
    // Landlines keep their area code, written with or without separators, or in international form.
    ['05355651234', '05355651234'],
    ['0535-5651234', '05355651234'],
    ['0535 565 1234', '05355651234'],
    ['(0535)5651234', '05355651234'],
    ['+86 535 5651234', '05355651234'],
    ['+865355651234', '05355651234'],
    ['865355651234', '05355651234'],
    ['00865355651234', '05355651234'],
    ['+86 (0)535 5651234', '05355651234'],
    ['+86 0535 5651234', '05355651234'],
    ['010-12345678', '01012345678'],
    ['+86 10 1234 5678', '01012345678'],
    ['0755-12345678', '075512345678'],
    ['+86 755 12345678', '075512345678'],
    ['0631-5651234', '06315651234'],
    // A local number said without its area code is Penglai's (0535).
    ['5651234', '05355651234'],
    ['565-1234', '05355651234'],
    ['56512345', '053556512345'],
    // Service and short numbers are their digits: not local numbers, not mobiles.
    ['12345', '12345'],
    ['110', '110'],
    ['95588', '95588'],
    ['1234567', '1234567'],
    ['0123456', '0123456'],
    ['400-812-3123', '4008123123'],
    ['800-810-8888', '8008108888'],
    // Too short to hold a country code: an 8-digit local number, then 10 digits that are nothing known.
    ['86138123', '053586138123'],
    ['8612345678', '8612345678'],
    ['12812345678', '12812345678'],
    ['013812345678901', '013812345678901'],
    // Nothing to match by: a withheld number.
    ['', ''],
    ['anonymous', ''],
    ['---', ''],
  ])('%s → %s', (phone, want) => expect(phoneKey(phone)).toBe(want));

  it.each([
    // One digit apart is another person.
    ['13812345678', '13812345679'],
    // A landline and a mobile ending alike.
    ['0535-5651234', '138-0565-1234'],
    ['5651234', '13805651234'],
    // The same local number in another city.
    ['0535-5651234', '0631-5651234'],
    ['5651234', '0631-5651234'],
    // Trunk 0 only before a mobile: 0 + a landline's digits is not the landline.
    ['05355651234', '5355651234'],
  ])('%s and %s are different lines', (a, b) => expect(phoneKey(a)).not.toBe(phoneKey(b)));

  it('gives a key that is its own key (stored keys can be looked up with a key)', () => {
    for (const phone of ['+86 138 1234 5678', '0535-5651234', '5651234', '+86 535 5651234', '12345', '']) {
      const key = phoneKey(phone);
      expect(phoneKey(key)).toBe(key);
    }
  });
});
