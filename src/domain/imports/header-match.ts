import { foldText } from '../common/text.js';
import type { ImportField } from './import.schema.js';

/** A header as it is compared: folded (no diacritics, lower case), punctuation and spacing collapsed. */
export function normaliseHeader(header: string): string {
  return foldText(header)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Header names (normalised) that mean a field, in Czech, English and German as exports from Excel, Outlook,
 * Pipedrive, HubSpot and ARES-based lists spell them.
 */
const SYNONYMS: Record<ImportField, string[]> = {
  firstName: ['jmeno', 'krestni jmeno', 'first name', 'firstname', 'given name', 'vorname', 'name first'],
  lastName: ['prijmeni', 'last name', 'lastname', 'surname', 'family name', 'nachname', 'familienname', 'name last'],
  fullName: [
    'jmeno a prijmeni',
    'cele jmeno',
    'kontaktni osoba',
    'kontakt',
    'full name',
    'fullname',
    'contact',
    'contact name',
    'contact person',
    'name',
    'vollstandiger name',
    'ansprechpartner',
    'kontaktperson',
  ],
  company: [
    'firma',
    'spolecnost',
    'nazev firmy',
    'nazev spolecnosti',
    'organizace',
    'company',
    'company name',
    'organization',
    'organisation',
    'account',
    'account name',
    'firmenname',
    'unternehmen',
    'firma name',
  ],
  title: [
    'pozice',
    'funkce',
    'titul',
    'job title',
    'title',
    'position',
    'role',
    'position titel',
    'berufsbezeichnung',
    'stellung',
  ],
  email: [
    'e mail',
    'email',
    'mail',
    'email address',
    'e mail address',
    'e mailova adresa',
    'emailova adresa',
    'e mail adresse',
    'emailadresse',
  ],
  phone: [
    'telefon',
    'tel',
    'telefonni cislo',
    'mobil',
    'mobile',
    'phone',
    'phone number',
    'telephone',
    'mobile phone',
    'telefonnummer',
    'handy',
    'mobilnummer',
  ],
  website: ['web', 'www', 'webove stranky', 'website', 'web site', 'url', 'homepage', 'webseite', 'internetseite'],
  registrationNumber: [
    'ico',
    'ic',
    'identifikacni cislo',
    'registration number',
    'company id',
    'company number',
    'crn',
    'handelsregisternummer',
    'registernummer',
  ],
  city: ['mesto', 'obec', 'city', 'town', 'stadt', 'ort'],
  country: ['zeme', 'stat', 'country', 'land'],
  description: [
    'poznamka',
    'poznamky',
    'popis',
    'note',
    'notes',
    'description',
    'comment',
    'comments',
    'notiz',
    'notizen',
    'bemerkung',
    'beschreibung',
  ],
  source: ['zdroj', 'source', 'lead source', 'quelle', 'lead quelle'],
  campaign: ['kampan', 'campaign', 'kampagne'],
};

const BY_HEADER = new Map<string, ImportField>();
for (const [field, names] of Object.entries(SYNONYMS) as Array<[ImportField, string[]]>) {
  for (const name of names) BY_HEADER.set(name, field);
}

/** The field a header most likely means, or null. */
export function guessField(header: string): ImportField | null {
  return BY_HEADER.get(normaliseHeader(header)) ?? null;
}

/**
 * A mapping guessed from header names; a field goes to the first column that claims it. When both a first and a
 * last name column exist, a generic "Name"/"Kontakt" column is not also taken as the full name.
 */
export function guessMapping(headers: string[]): Array<ImportField | null> {
  const taken = new Set<ImportField>();
  const mapping = headers.map((h) => {
    const field = guessField(h);
    if (!field || taken.has(field)) return null;
    taken.add(field);
    return field;
  });
  if (taken.has('fullName') && (taken.has('firstName') || taken.has('lastName'))) {
    return mapping.map((f) => (f === 'fullName' ? null : f));
  }
  return mapping;
}
