import type { Account } from '../../../domain/accounts/account.schema.js';
import { iso, recordMetaOf } from '../../platform/record-meta.js';
import type { AccountRow } from './accounts.repo.js';

export function toAccount(r: AccountRow): Account {
  return {
    ...recordMetaOf(r),
    name: r.name,
    type: r.type as Account['type'],
    industry: r.industry,
    size: r.size,
    website: r.website,
    email: r.email,
    phone: r.phone,
    registrationNumber: r.registrationNumber,
    vatNumber: r.vatNumber,
    billingAddress: {
      street: r.billingStreet,
      city: r.billingCity,
      postalCode: r.billingPostalCode,
      country: r.billingCountry,
    },
    ownerId: r.ownerId,
    owner: r.ownerName ? { id: r.ownerId, name: r.ownerName } : null,
    parentId: r.parentId,
    parent: r.parentId && r.parentName ? { id: r.parentId, name: r.parentName } : null,
    description: r.description,
    deletedAt: r.deletedAt ? iso(r.deletedAt) : null,
  };
}

/** The flat, comparable shape of an account used for field diffs in the Stream. */
export function accountDiffShape(a: Account) {
  return {
    name: a.name,
    type: a.type,
    industry: a.industry,
    size: a.size,
    website: a.website,
    email: a.email,
    phone: a.phone,
    registrationNumber: a.registrationNumber,
    vatNumber: a.vatNumber,
    billingStreet: a.billingAddress.street,
    billingCity: a.billingAddress.city,
    billingPostalCode: a.billingAddress.postalCode,
    billingCountry: a.billingAddress.country,
    ownerId: a.ownerId,
    parentId: a.parentId,
    description: a.description,
  };
}
export const ACCOUNT_DIFF_FIELDS = Object.keys(accountDiffShape({ billingAddress: {} } as unknown as Account)) as Array<
  keyof ReturnType<typeof accountDiffShape>
>;
