import type { AccountCreateInput } from '../../domain/accounts/account.schema.js';
import type { ContactCreateInput } from '../../domain/contacts/contact.schema.js';

/**
 * Record factories shared by the tests and the demo seed: realistic Czech/German sales data, deterministic
 * for a given seed so failures reproduce.
 */
export function rng(seed: number) {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  };
}
export type Rng = ReturnType<typeof rng>;

/** A valid IČO: seven digits and their check digit. */
export function makeIco(r: Rng): string {
  const digits = Array.from({ length: 7 }, () => r.int(0, 9));
  const sum = digits.reduce((acc, d, i) => acc + d * (8 - i), 0);
  return digits.join('') + String((11 - (sum % 11)) % 10);
}

/** Czech company-name stems, places and surnames (the bench generator extends these lists). */
export const CZ_STEMS = [
  'Strojírny',
  'Elektro',
  'Dřevostavby',
  'Pekárny',
  'Logistika',
  'Stavby',
  'Technika',
  'Software',
  'Kovovýroba',
  'Textil',
  'Auto',
  'Energie',
  'Nábytek',
  'Tiskárna',
  'Potraviny',
];
export const CZ_PLACES = [
  'Morava',
  'Vysočina',
  'Brno',
  'Praha',
  'Šumava',
  'Krkonoše',
  'Polabí',
  'Haná',
  'Ostrava',
  'Plzeň',
  'Liberec',
  'Zlín',
];
const CZ_FORMS = ['s.r.o.', 'a.s.', 'spol. s r.o.', 'v.o.s.'];
const DE_STEMS = ['Maschinenbau', 'Logistik', 'Elektrotechnik', 'Software', 'Handel', 'Metallbau', 'Anlagenbau'];
const DE_PLACES = ['Bayern', 'Sachsen', 'Nord', 'Rhein', 'Süd', 'Berlin', 'Dresden'];
const DE_FORMS = ['GmbH', 'AG', 'KG', 'GmbH & Co. KG'];
const CZ_CITIES = [
  ['Praha', '110 00'],
  ['Brno', '602 00'],
  ['Ostrava', '702 00'],
  ['Plzeň', '301 00'],
  ['Olomouc', '779 00'],
  ['České Budějovice', '370 01'],
  ['Hradec Králové', '500 02'],
  ['Liberec', '460 01'],
  ['Zlín', '760 01'],
  ['Jihlava', '586 01'],
] as const;
const DE_CITIES = [
  ['München', '80331'],
  ['Dresden', '01067'],
  ['Berlin', '10115'],
  ['Leipzig', '04109'],
  ['Nürnberg', '90402'],
] as const;
const INDUSTRIES = ['Manufacturing', 'Software', 'Retail', 'Logistics', 'Construction', 'Food', 'Energy', 'Automotive'];
const STREETS = ['Náměstí Míru', 'Husova', 'Masarykova', 'Palackého', 'Nádražní', 'Komenského', 'Žižkova', 'Smetanova'];

const CZ_FIRST_F = ['Jana', 'Barbora', 'Lucie', 'Petra', 'Eva', 'Kateřina', 'Tereza', 'Hana', 'Markéta', 'Zuzana'];
const CZ_FIRST_M = ['Jan', 'Petr', 'Tomáš', 'Martin', 'Jiří', 'Pavel', 'Lukáš', 'Ondřej', 'Jakub', 'Vojtěch'];
const CZ_LAST_M = [
  'Dvořák',
  'Novák',
  'Svoboda',
  'Černý',
  'Procházka',
  'Kučera',
  'Veselý',
  'Horák',
  'Němec',
  'Šťastný',
  'Čermák',
  'Říha',
  'Krejčí',
  'Marek',
];
/** The feminine form of a Czech surname: Novák → Nováková, Černý → Černá, Krejčí → Krejčí, Svoboda → Svobodová. */
export const feminine = (last: string) =>
  last.endsWith('ý')
    ? `${last.slice(0, -1)}á`
    : last.endsWith('í')
      ? last
      : last.endsWith('a')
        ? `${last.slice(0, -1)}ová`
        : `${last}ová`;
const DE_FIRST = ['Lukas', 'Anna', 'Felix', 'Laura', 'Jonas', 'Sophie', 'Maximilian', 'Julia'];
const DE_LAST = ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Becker', 'Hoffmann', 'Schäfer'];
/** Czech mobile prefixes (the bench generator uses them too). */
export const CZ_MOBILE = [
  '601',
  '602',
  '603',
  '604',
  '605',
  '606',
  '607',
  '608',
  '720',
  '721',
  '722',
  '724',
  '728',
  '731',
  '732',
  '736',
  '737',
  '739',
  '770',
  '773',
  '775',
  '777',
  '790',
  '797',
];
const TITLES = [
  'CEO',
  'CFO',
  'Purchasing Manager',
  'IT Manager',
  'Head of Operations',
  'Sales Director',
  'Project Manager',
  'Jednatel',
  'Obchodní ředitel',
];

export function accountInput(r: Rng, overrides: Partial<AccountCreateInput> = {}): AccountCreateInput {
  const german = r.next() < 0.2;
  const name = german
    ? `${r.pick(DE_PLACES)} ${r.pick(DE_STEMS)} ${r.pick(DE_FORMS)}`
    : `${r.pick(CZ_STEMS)} ${r.pick(CZ_PLACES)} ${r.pick(CZ_FORMS)}`;
  const [city, postalCode] = german ? r.pick(DE_CITIES) : r.pick(CZ_CITIES);
  const ico = german ? null : makeIco(r);
  const slug = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '-')
    .replace(/^-|-$/g, '');
  return {
    name,
    type: r.pick(['prospect', 'prospect', 'customer', 'customer', 'partner', 'supplier'] as const),
    industry: r.pick(INDUSTRIES),
    size: r.pick([8, 25, 60, 150, 420, 1200]),
    website: `https://www.${slug}.${german ? 'de' : 'cz'}`,
    email: `info@${slug}.${german ? 'de' : 'cz'}`,
    phone: german
      ? `+49 30 ${r.int(1000000, 9999999)}`
      : `+420 ${r.int(2, 5)}${r.int(10, 99)} ${r.int(100, 999)} ${r.int(100, 999)}`,
    registrationNumber: ico ?? `HRB ${r.int(10000, 99999)}`,
    vatNumber: german ? `DE${r.int(100000000, 999999999)}` : `CZ${ico}`,
    billingAddress: { street: `${r.pick(STREETS)} ${r.int(1, 120)}`, city, postalCode, country: german ? 'DE' : 'CZ' },
    description: null,
    ...overrides,
  };
}

export function contactInput(r: Rng, overrides: Partial<ContactCreateInput> = {}): ContactCreateInput {
  const german = r.next() < 0.15;
  let firstName: string;
  let lastName: string;
  if (german) {
    firstName = r.pick(DE_FIRST);
    lastName = r.pick(DE_LAST);
  } else if (r.next() < 0.5) {
    firstName = r.pick(CZ_FIRST_F);
    lastName = feminine(r.pick(CZ_LAST_M));
  } else {
    firstName = r.pick(CZ_FIRST_M);
    lastName = r.pick(CZ_LAST_M);
  }
  const ascii = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return {
    firstName,
    lastName,
    title: r.pick(TITLES),
    emails: [`${ascii(firstName)}.${ascii(lastName)}${r.int(1, 999)}@example.${german ? 'de' : 'cz'}`],
    phones: [german ? `+49 151 ${r.int(10000000, 99999999)}` : `+420 ${r.pick(CZ_MOBILE)} ${r.int(100, 999)} ${r.int(100, 999)}`],
    ...overrides,
  };
}
