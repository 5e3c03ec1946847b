/**
 * Defence in depth for what is persisted. The core already refuses messages with a personal number
 * and redacts the gap log (names too, which needs the knowledge); the store repeats the check that
 * needs no context, so a personal number that slips past the core (a display name, a new code
 * path) still never reaches disk or Redis.
 */
import { redact, withoutPersonalNumbers } from '../core/text/pii.js';

/** Every string in the value with a valid personal number is redacted; all else is left as it is. */
export function scrub<T>(value: T): T {
  if (typeof value === 'string') return withoutPersonalNumbers(value) as T;
  if (Array.isArray(value)) return value.map(scrub) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [scrub(k), scrub(v)])) as T;
  }
  return value;
}

/** Free text (the gap log) gets the full redaction: also shapes without a valid check digit, e-mail and phone. */
export function redactText(text: string): string {
  return redact(text);
}
