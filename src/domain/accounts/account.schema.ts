import { z } from 'zod';
import {
  address,
  addressInput,
  listQueryBase,
  optionalEmail,
  optionalPhone,
  optionalRegistrationNumber,
  optionalText,
  optionalVatNumber,
  optionalWebsite,
  recordMeta,
  recordRef,
  requiredText,
  userRef,
  uuid,
} from '../common/fields.js';

export const ACCOUNT_TYPES = ['prospect', 'customer', 'partner', 'supplier', 'other'] as const;
export const accountType = z.enum(ACCOUNT_TYPES);
export type AccountType = z.infer<typeof accountType>;

const accountFields = {
  name: requiredText(200),
  type: accountType,
  industry: optionalText(100),
  size: z.number().int().min(0).max(10_000_000).nullable().optional(),
  website: optionalWebsite,
  email: optionalEmail,
  phone: optionalPhone,
  registrationNumber: optionalRegistrationNumber,
  vatNumber: optionalVatNumber,
  billingAddress: addressInput.optional(),
  ownerId: uuid.optional(),
  parentId: uuid.nullable().optional(),
  description: optionalText(10_000),
};

export const accountCreateInput = z.object({ ...accountFields, type: accountType.default('prospect') });
export type AccountCreateInput = z.input<typeof accountCreateInput>;
export type AccountCreate = z.output<typeof accountCreateInput>;

export const accountUpdateInput = z.object(accountFields).partial();
export type AccountUpdateInput = z.input<typeof accountUpdateInput>;
export type AccountUpdate = z.output<typeof accountUpdateInput>;

export const account = z.object({
  ...recordMeta,
  name: z.string(),
  type: accountType,
  industry: z.string().nullable(),
  size: z.number().nullable(),
  website: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  registrationNumber: z.string().nullable(),
  vatNumber: z.string().nullable(),
  billingAddress: address,
  ownerId: z.string(),
  owner: userRef.nullable(),
  parentId: z.string().nullable(),
  parent: recordRef.nullable(),
  description: z.string().nullable(),
  deletedAt: z.string().nullable(),
});
export type Account = z.infer<typeof account>;

export const ACCOUNT_SORTS = ['name', '-name', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt'] as const;

export const accountListQuery = listQueryBase.extend({
  sort: z.enum(ACCOUNT_SORTS).default('name'),
  type: accountType.optional(),
  ownerId: uuid.optional(),
  industry: z.string().trim().max(100).optional(),
  parentId: uuid.optional(),
});
export type AccountListQuery = z.output<typeof accountListQuery>;
