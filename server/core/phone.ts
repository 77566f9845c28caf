/**
 * A phone number as departments and logs see it: a mobile (11 digits or more) keeps its first 3 and last 4
 * (139****5678); a shorter number, a local landline of 7 or 8 digits, keeps 2 and 2 (66***45), so that it is
 * never shown all but whole; anything under 7 is all stars.
 */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  const [head, tail] = phone.length >= 11 ? [3, 4] : [2, 2];
  return phone.slice(0, head) + '*'.repeat(phone.length - head - tail) + phone.slice(-tail);
}

/**
 * Penglai's area code (烟台 0535), assumed for a local number given without one: callers say their home
 * number as they dial it in town (5651234), while the telephony gateway sends landlines with the area code
 * (05355651234). A constant, not a setting: keys are stored (tickets, calls, callback tasks), and another
 * area code would need them all computed again.
 */
export const LOCAL_AREA_CODE = '0535';

// Compiled once: the key is computed on every ticket insert (Yantai orders) and every call offered.
const NON_DIGITS = /\D/g;
const MOBILE = /^1[3-9]\d{9}$/;
/** A mobile behind a trunk prefix 0 (some trunks send 013812345678). */
const TRUNK_MOBILE = /^01[3-9]\d{9}$/;
/** A local number without its area code: 7 or 8 digits, not starting with 0 (trunk) or 1 (mobiles…). */
const LOCAL = /^[2-9]\d{6,7}$/;

/**
 * The key a phone number is matched by (caller history, the IVR's status lookup, callback tasks), so that
 * the same line matches however it was written or sent: digits only; China's country code (+86, 0086, 86)
 * dropped, and before a landline its trunk 0 put back (+86 535 5651234 → 05355651234); a trunk 0 before a
 * mobile dropped (013812345678 → 13812345678); a bare local number given Penglai's area code (5651234 →
 * 05355651234). A landline keeps its area code, so 0535-5651234 and 0631-5651234 stay apart. Anything else
 * is its digits (12345, 4008123123); no digits at all is '' — a withheld number, which matches nothing.
 */
export function phoneKey(phone: string): string {
  let d = phone.replace(NON_DIGITS, '');
  // A domestic number never starts with 86 or 0086 (mobiles start with 1, landlines with 0). What follows
  // the country code is a mobile (11 digits) or a landline without its trunk 0 (10 or 11), or with it (11
  // or 12: +86 0535 5651234, as people write it); anything shorter or longer is left as digits.
  const cc = d.startsWith('0086') ? 4 : d.startsWith('86') ? 2 : 0;
  if (cc > 0 && d.length - cc >= 10 && d.length - cc <= 12) {
    const national = d.slice(cc);
    d = national[0] === '0' || MOBILE.test(national) ? national : `0${national}`;
  }
  if (TRUNK_MOBILE.test(d)) return d.slice(1);
  if (LOCAL.test(d)) return LOCAL_AREA_CODE + d;
  return d;
}
