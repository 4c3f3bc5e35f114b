import { z } from 'zod';
import { email, recordMeta, requiredText, uuid } from '../common/fields.js';

export const ROLES = ['admin', 'sales_director', 'team_lead', 'account_manager', 'sdr', 'marketing'] as const;
export const role = z.enum(ROLES);
export type Role = z.infer<typeof role>;

export const LOCALES = ['en', 'cs', 'de'] as const;
export const locale = z.enum(LOCALES);
export type Locale = z.infer<typeof locale>;

export const password = z.string().min(10, 'must be at least 10 characters').max(200);

export const userCreateInput = z.object({
  email,
  name: requiredText(120),
  role,
  password,
  locale: locale.optional(),
  teamIds: z.array(uuid).max(50).optional(),
});
export type UserCreateInput = z.input<typeof userCreateInput>;

export const userUpdateInput = z.object({
  name: requiredText(120).optional(),
  role: role.optional(),
  locale: locale.optional(),
  active: z.boolean().optional(),
  password: password.optional(),
  teamIds: z.array(uuid).max(50).optional(),
});
export type UserUpdateInput = z.input<typeof userUpdateInput>;

/** What a user may change about themselves. */
export const profileUpdateInput = z.object({
  name: requiredText(120).optional(),
  locale: locale.optional(),
});

export const user = z.object({
  ...recordMeta,
  email: z.string(),
  name: z.string(),
  role,
  locale,
  active: z.boolean(),
  teamIds: z.array(z.string()),
});
export type User = z.infer<typeof user>;

export const teamInput = z.object({
  name: requiredText(120),
  leadId: uuid.nullable().optional(),
  memberIds: z.array(uuid).max(500).optional(),
});
export const teamUpdateInput = teamInput.partial();

export const team = z.object({
  ...recordMeta,
  name: z.string(),
  leadId: z.string().nullable(),
  memberIds: z.array(z.string()),
});
export type Team = z.infer<typeof team>;

export const loginInput = z.object({
  email: z.string().trim().toLowerCase().min(1).max(254),
  password: z.string().min(1).max(200),
});
export const tokenCreateInput = z.object({ name: requiredText(100) });
