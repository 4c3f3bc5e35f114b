import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/min';

/** Parses a phone as people type it ("603 123 456", "00420 603 123 456", "+49 30 1234567") into E.164. */
export function toE164(input: string, defaultCountry: CountryCode = 'CZ'): string | null {
  const cleaned = input.trim().replace(/^00/, '+');
  const parsed = parsePhoneNumberFromString(cleaned, defaultCountry);
  if (!parsed?.isValid()) return null;
  return parsed.number;
}

/** Displays an E.164 number: national format for the home country, international otherwise. */
export function formatPhone(e164: string, homeCountry: CountryCode = 'CZ'): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.country === homeCountry ? parsed.formatNational() : parsed.formatInternational();
}
