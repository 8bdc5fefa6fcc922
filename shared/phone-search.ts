// How the Orders screen reads a phone number in its search box, shared by the search
// (electron/counter/order-history.ts) and the screen that says when a query is too short for it.
import { isPhoneText, phoneAsKept } from './order-schema';

/**
 * Phones are searched from this many digits: the phone index (outbox schema 11) holds windows of
 * four digits. Fewer digits would name most of the terminal's orders ("010" is in every mobile
 * number), so they are searched as a customer ID or a name only, and the screen says so.
 */
export const PHONE_SEARCH_MIN_DIGITS = 4;

/**
 * The digits of a query written like a phone number: what the order form takes as a phone
 * (phoneAsKept, isPhoneText), so a number found here can be typed there and the other way:
 * digits, spaces, + ( ) - and . only, full-width forms from a Korean IME included ("０１０－１２３４"),
 * the dots of "010.1234.5678" as a business card writes it. Null for any other query (a name, an
 * order id's prefix with letters), never looked for in phones.
 */
export function phoneQueryDigits(query: string): string | null {
  const kept = phoneAsKept(query);
  return isPhoneText(kept) && /\d/.test(kept) ? kept.replace(/\D/g, '') : null;
}

/** From this many digits a query starting 0 is taken for a Korean number written nationally. */
const NATIONAL_MIN_DIGITS = 6;

/**
 * The digits to look for in phones for a phone-like query: as typed, and the same Korean number
 * written the other way, so either finds an order saved with the other. A query starting +82 is
 * also looked for as 0…, and one starting 0 and a digit (010-1234, 02-123) as 82…, from six
 * digits (fewer, as "0123", are more likely the middle of a number than its start).
 */
export function phoneQueryForms(query: string): string[] | null {
  const digits = phoneQueryDigits(query);
  if (digits === null) return null;
  const international = phoneAsKept(query).startsWith('+') && /^82[1-9]/.test(digits);
  if (international) return [digits, `0${digits.slice(2)}`];
  if (/^0[1-9]/.test(digits) && digits.length >= NATIONAL_MIN_DIGITS) return [digits, `82${digits.slice(1)}`];
  return [digits];
}

/** A phone-like query too short to be looked for in phones (the screen's hint). */
export function phoneQueryTooShort(query: string): boolean {
  const digits = phoneQueryDigits(query);
  return digits !== null && digits.length < PHONE_SEARCH_MIN_DIGITS;
}

/** A stored phone's digits, as the index has them (the order schema allows space + ( ) - besides). */
export function phoneDigits(phone: string | undefined): string {
  return (phone ?? '').replace(/[-+() ]/g, '');
}
