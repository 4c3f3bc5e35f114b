/**
 * Czech company registration number (IČO): 8 digits, shorter ones left-padded with zeros; the last digit is
 * a check digit over the first seven with weights 8..2: r = sum % 11, check = (11 - r) % 10.
 */
export function normalizeIco(value: string): string | null {
  const digits = value.replace(/\s+/g, '');
  if (!/^\d{1,8}$/.test(digits)) return null;
  return digits.padStart(8, '0');
}

export function isValidIco(value: string): boolean {
  const ico = normalizeIco(value);
  if (!ico) return false;
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += Number(ico[i]) * (8 - i);
  const check = (11 - (sum % 11)) % 10;
  return check === Number(ico[7]);
}

/** VAT ids: a country prefix, then the national number; CZ is 8–10 digits, DE is 9 digits. */
export function normalizeVatNumber(value: string): string {
  return value.replace(/[\s.-]+/g, '').toUpperCase();
}

export function vatNumberProblem(value: string): string | null {
  const v = normalizeVatNumber(value);
  if (!/^[A-Z]{2}[0-9A-Z]{2,13}$/.test(v)) return 'must start with a two-letter country code, e.g. CZ27082440';
  if (v.startsWith('CZ') && !/^CZ\d{8,10}$/.test(v)) return 'a Czech VAT id is CZ followed by 8 to 10 digits';
  if (v.startsWith('DE') && !/^DE\d{9}$/.test(v)) return 'a German VAT id is DE followed by 9 digits';
  return null;
}
