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
