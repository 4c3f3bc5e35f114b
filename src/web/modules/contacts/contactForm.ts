import { formatPhone } from '../../../domain/common/phone.js';
import type { Contact, ContactCreateInput } from '../../../domain/contacts/contact.schema.js';
import { textOrNull } from '../../ui/forms.js';

export type ContactFormValues = {
  firstName: string;
  lastName: string;
  title: string;
  emails: string[];
  phones: string[];
  accountId: string;
  street: string;
  city: string;
  postalCode: string;
  country: string;
  notes: string;
  ownerId: string;
};

const ADDRESS_FIELDS = ['street', 'city', 'postalCode', 'country'] as const;

export const contactFieldAliases: Record<string, string> = {
  'address.street': 'street',
  'address.city': 'city',
  'address.postalCode': 'postalCode',
  'address.country': 'country',
};

export function emptyContactValues(defaults: Partial<ContactFormValues> = {}): ContactFormValues {
  return {
    firstName: '',
    lastName: '',
    title: '',
    emails: [],
    phones: [],
    accountId: '',
    street: '',
    city: '',
    postalCode: '',
    country: '',
    notes: '',
    ownerId: '',
    ...defaults,
  };
}

export function contactToValues(c: Contact): ContactFormValues {
  return {
    firstName: c.firstName ?? '',
    lastName: c.lastName,
    title: c.title ?? '',
    emails: c.emails,
    phones: c.phones.map((p) => formatPhone(p)),
    accountId: c.accountId ?? '',
    street: c.address.street ?? '',
    city: c.address.city ?? '',
    postalCode: c.address.postalCode ?? '',
    country: c.address.country ?? '',
    notes: c.notes ?? '',
    ownerId: c.ownerId,
  };
}

function addressInput(v: ContactFormValues) {
  return {
    street: textOrNull(v.street),
    city: textOrNull(v.city),
    postalCode: textOrNull(v.postalCode),
    country: textOrNull(v.country),
  };
}

function fieldToInput(key: keyof ContactFormValues, v: ContactFormValues): unknown {
  switch (key) {
    case 'emails':
    case 'phones':
      return v[key];
    case 'accountId':
      return v.accountId || null;
    case 'ownerId':
      return v.ownerId || undefined;
    case 'lastName':
      return v.lastName;
    default:
      return textOrNull(v[key] as string);
  }
}

export function contactCreatePayload(v: ContactFormValues): ContactCreateInput {
  const input: Record<string, unknown> = { address: addressInput(v) };
  for (const key of Object.keys(v) as Array<keyof ContactFormValues>) {
    if ((ADDRESS_FIELDS as readonly string[]).includes(key)) continue;
    const value = fieldToInput(key, v);
    if (value !== null && value !== undefined) input[key] = value;
  }
  return input as ContactCreateInput;
}

export function contactPatch(changed: Array<keyof ContactFormValues>, v: ContactFormValues): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const key of changed) {
    if ((ADDRESS_FIELDS as readonly string[]).includes(key)) patch.address = addressInput(v);
    else patch[key] = fieldToInput(key, v);
  }
  return patch;
}
