import type { Account, AccountCreateInput } from '../../../domain/accounts/account.schema.js';
import { formatPhone } from '../../../domain/common/phone.js';
import { textOrNull } from '../../ui/forms.js';

/** The account form edits flat strings; the billing address is four of them. */
export type AccountFormValues = {
  name: string;
  type: string;
  industry: string;
  size: string;
  website: string;
  email: string;
  phone: string;
  registrationNumber: string;
  vatNumber: string;
  street: string;
  city: string;
  postalCode: string;
  country: string;
  ownerId: string;
  parentId: string;
  description: string;
};

const ADDRESS_FIELDS = ['street', 'city', 'postalCode', 'country'] as const;

/** API error paths → form fields. */
export const accountFieldAliases: Record<string, string> = {
  'billingAddress.street': 'street',
  'billingAddress.city': 'city',
  'billingAddress.postalCode': 'postalCode',
  'billingAddress.country': 'country',
};

export function emptyAccountValues(defaults: Partial<AccountFormValues> = {}): AccountFormValues {
  return {
    name: '',
    type: 'prospect',
    industry: '',
    size: '',
    website: '',
    email: '',
    phone: '',
    registrationNumber: '',
    vatNumber: '',
    street: '',
    city: '',
    postalCode: '',
    country: '',
    ownerId: '',
    parentId: '',
    description: '',
    ...defaults,
  };
}

export function accountToValues(a: Account): AccountFormValues {
  return {
    name: a.name,
    type: a.type,
    industry: a.industry ?? '',
    size: a.size == null ? '' : String(a.size),
    website: a.website ?? '',
    email: a.email ?? '',
    phone: a.phone ? formatPhone(a.phone) : '',
    registrationNumber: a.registrationNumber ?? '',
    vatNumber: a.vatNumber ?? '',
    street: a.billingAddress.street ?? '',
    city: a.billingAddress.city ?? '',
    postalCode: a.billingAddress.postalCode ?? '',
    country: a.billingAddress.country ?? '',
    ownerId: a.ownerId,
    parentId: a.parentId ?? '',
    description: a.description ?? '',
  };
}

function fieldToInput(key: keyof AccountFormValues, v: AccountFormValues): [string, unknown] {
  switch (key) {
    case 'size':
      return ['size', v.size.trim() === '' ? null : Number(v.size)];
    case 'parentId':
      return ['parentId', v.parentId || null];
    case 'ownerId':
      return ['ownerId', v.ownerId || undefined];
    case 'type':
    case 'name':
      return [key, v[key]];
    default:
      return [key, textOrNull(v[key])];
  }
}

function addressInput(v: AccountFormValues) {
  return {
    street: textOrNull(v.street),
    city: textOrNull(v.city),
    postalCode: textOrNull(v.postalCode),
    country: textOrNull(v.country),
  };
}

export function accountCreatePayload(v: AccountFormValues): AccountCreateInput {
  const input: Record<string, unknown> = {};
  for (const key of Object.keys(v) as Array<keyof AccountFormValues>) {
    if ((ADDRESS_FIELDS as readonly string[]).includes(key)) continue;
    const [field, value] = fieldToInput(key, v);
    if (value !== null && value !== undefined) input[field] = value;
  }
  input.billingAddress = addressInput(v);
  return input as AccountCreateInput;
}

/** Only what changed; the address travels whole because the API replaces it as one object. */
export function accountPatch(changed: Array<keyof AccountFormValues>, v: AccountFormValues): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const key of changed) {
    if ((ADDRESS_FIELDS as readonly string[]).includes(key)) patch.billingAddress = addressInput(v);
    else {
      const [field, value] = fieldToInput(key, v);
      patch[field] = value;
    }
  }
  return patch;
}
