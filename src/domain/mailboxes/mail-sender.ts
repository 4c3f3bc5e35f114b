/**
 * Guesses who wrote a mail: first/last name from the display name (or the address), the company from the
 * signature (a line with a legal form) or from the sender's domain unless it is a free-mail provider.
 * Pure functions, shared with the UI.
 */

/** Free-mail providers: their domain says nothing about the sender's company. */
export const FREE_MAIL_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'seznam.cz',
  'email.cz',
  'centrum.cz',
  'atlas.cz',
  'volny.cz',
  'post.cz',
  'tiscali.cz',
  'quick.cz',
  'azet.sk',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'yahoo.com',
  'icloud.com',
  'me.com',
  'aol.com',
  'gmx.de',
  'gmx.net',
  'gmx.at',
  'web.de',
  't-online.de',
  'freenet.de',
  'mail.com',
  'proton.me',
  'protonmail.com',
  'yandex.ru',
]);

export type PersonName = { firstName: string | null; lastName: string | null };

const capitalise = (s: string) => (s ? s[0]?.toLocaleUpperCase() + s.slice(1) : s);

/** "Jana Dvořáková" → Jana / Dvořáková; "Dvořáková, Jana" → Jana / Dvořáková; "Novák" → last name only. */
export function parsePersonName(displayName: string | null | undefined, address?: string | null): PersonName {
  let name = (displayName ?? '')
    .replace(/["'„“”]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  // A display name that is just the address again says nothing.
  if (name.includes('@')) name = '';
  if (name) {
    const comma = name.split(',').map((p) => p.trim());
    if (comma.length === 2 && comma[0] && comma[1]) return { firstName: comma[1], lastName: comma[0] };
    const parts = name.split(' ');
    if (parts.length === 1) return { firstName: null, lastName: parts[0] ?? null };
    return { firstName: parts.slice(0, -1).join(' '), lastName: parts.at(-1) ?? null };
  }
  // jana.dvorakova@… → Jana Dvorakova; a role address (info@, sales@) gives no name.
  const local = (address ?? '').split('@')[0] ?? '';
  const pieces = local.split(/[._-]/).filter(Boolean);
  if (pieces.length === 2 && pieces.every((p) => /^\p{L}{2,}$/u.test(p))) {
    return { firstName: capitalise(pieces[0] as string), lastName: capitalise(pieces[1] as string) };
  }
  return { firstName: null, lastName: null };
}

export function domainOf(address: string | null | undefined): string | null {
  const at = (address ?? '').lastIndexOf('@');
  if (at < 0) return null;
  const domain = (address as string)
    .slice(at + 1)
    .trim()
    .toLowerCase();
  return domain || null;
}

export function isFreeMailDomain(domain: string): boolean {
  return FREE_MAIL_DOMAINS.has(domain.toLowerCase());
}

// Legal forms that mark a company name in a signature line.
const LEGAL_FORM =
  /(?:^|[\s,])(?:s\.\s?r\.\s?o\.|spol\.\s?s\s?r\.\s?o\.|a\.\s?s\.|v\.\s?o\.\s?s\.|k\.\s?s\.|z\.\s?s\.|sro|GmbH(?:\s?&\s?Co\.\s?KG)?|AG|KG|OHG|UG|SE|Ltd\.?|Limited|Inc\.?|LLC|plc|S\.A\.|B\.V\.)(?=$|[\s,.;|])/i;

/** A company name from the signature: the last lines of the text, the first one that carries a legal form. */
export function companyFromSignature(text: string | null | undefined): string | null {
  if (!text) return null;
  let lines = text.split(/\r?\n/);
  // Everything from a quoted reply on belongs to someone else.
  const quoted = lines.findIndex((l) => /^\s*>/.test(l) || /^(On|Am|Dne) .+(wrote|schrieb|napsal)/i.test(l.trim()));
  if (quoted >= 0) lines = lines.slice(0, quoted);
  const sigStart = lines.findIndex((l) => l === '-- ' || l.trim() === '--');
  const tail = (sigStart >= 0 ? lines.slice(sigStart + 1) : lines.slice(-12)).map((l) => l.trim()).filter(Boolean);
  for (const line of tail) {
    if (line.length > 120 || /@|https?:|www\.|\+?\d[\d\s]{6,}/.test(line)) continue;
    if (LEGAL_FORM.test(line))
      return line
        .replace(/^(company|firma|společnost|unternehmen)\s*:\s*/i, '')
        .replace(/[|,;]\s*$/, '')
        .trim();
  }
  return null;
}

const SECOND_LEVEL = new Set(['co', 'com', 'org', 'net', 'ac', 'gov', 'or', 'ne']);

/** "firma.cz" → "Firma", "mail.acme-tools.co.uk" → "Acme-tools"; null for free-mail domains. */
export function companyFromDomain(domain: string | null | undefined): string | null {
  if (!domain || isFreeMailDomain(domain)) return null;
  const labels = domain.split('.').filter(Boolean);
  if (labels.length < 2) return null;
  let idx = labels.length - 2;
  if (labels.length >= 3 && SECOND_LEVEL.has(labels[labels.length - 2] as string)) idx = labels.length - 3;
  const label = labels[idx] as string;
  return capitalise(label);
}

export function guessCompany(text: string | null | undefined, address: string | null | undefined): string | null {
  return companyFromSignature(text) ?? companyFromDomain(domainOf(address));
}
