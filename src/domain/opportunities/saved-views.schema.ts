import { z } from 'zod';
import { optionalText, requiredText, userRef } from '../common/fields.js';

export const SAVED_VIEW_RESOURCES = ['opportunities', 'leads', 'accounts', 'contacts'] as const;
export const savedViewResource = z.enum(SAVED_VIEW_RESOURCES);
export const savedViewKind = z.enum(['board', 'table']);

/** Filters are the list/board query parameters of the resource (string/number/boolean values or lists of them). */
const filterValue = z.union([z.string().max(500), z.number(), z.boolean(), z.null(), z.array(z.string().max(500)).max(100)]);

const fields = {
  name: requiredText(100),
  resource: savedViewResource,
  view: savedViewKind,
  filters: z.record(z.string().max(60), filterValue).default({}),
  columns: z.array(z.string().max(60)).max(60).default([]),
  sort: optionalText(60),
  shared: z.boolean().default(false),
};

export const savedViewCreateInput = z.object(fields);
export type SavedViewCreate = z.output<typeof savedViewCreateInput>;

export const savedViewUpdateInput = z
  .object({
    name: fields.name,
    view: fields.view,
    filters: z.record(z.string().max(60), filterValue),
    columns: z.array(z.string().max(60)).max(60),
    sort: fields.sort,
    shared: z.boolean(),
  })
  .partial();
export type SavedViewUpdate = z.output<typeof savedViewUpdateInput>;

export const savedView = z.object({
  id: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  ownerId: z.string(),
  owner: userRef.nullable(),
  name: z.string(),
  resource: savedViewResource,
  view: savedViewKind,
  filters: z.record(z.string(), z.unknown()),
  columns: z.array(z.string()),
  sort: z.string().nullable(),
  shared: z.boolean(),
  /** whether the asking user may change or delete it (its owner, or an admin for shared views) */
  editable: z.boolean(),
});
export type SavedView = z.infer<typeof savedView>;

export const savedViewListQuery = z.object({ resource: savedViewResource.optional() });
