import { z } from 'zod';

export const NOTIFICATION_TYPES = [
  'mention',
  'assignment',
  'reminder',
  'sla_breach',
  'approval_request',
  'invitation_failed',
  /** the decision on an opportunity's approval request (to the owner) */
  'approval_decision',
  /** an opportunity stalled (to the owner; escalated to the team lead later) */
  'stalled_deal',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];
export const notificationType = z.enum(NOTIFICATION_TYPES);

/** The record a notification is about (the link opens it). */
export const notificationEntity = z.object({ type: z.string(), id: z.string() });

export const notification = z.object({
  id: z.string(),
  type: notificationType,
  title: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable(),
  entity: notificationEntity.nullable(),
  actor: z.object({ id: z.string(), name: z.string() }).nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
  /** Email delivery of this notification: null when it was not to be emailed. */
  email: z
    .object({
      status: z.enum(['pending', 'sending', 'sent', 'failed']),
      attempts: z.number().int(),
      error: z.string().nullable(),
      sentAt: z.string().nullable(),
    })
    .nullable(),
});
export type Notification = z.infer<typeof notification>;

export const notificationListQuery = z.object({
  unread: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});
export type NotificationListQuery = z.infer<typeof notificationListQuery>;

export const channelPreference = z.object({ inApp: z.boolean(), email: z.boolean() });
export type ChannelPreference = z.infer<typeof channelPreference>;

/** Defaults when a user has not chosen: everything in the bell; email for what needs action soon. */
export const DEFAULT_PREFERENCES: Record<NotificationType, ChannelPreference> = {
  mention: { inApp: true, email: true },
  assignment: { inApp: true, email: true },
  reminder: { inApp: true, email: true },
  sla_breach: { inApp: true, email: true },
  approval_request: { inApp: true, email: true },
  // meeting invitations could not be emailed (often: SMTP not configured), so this one is in-app only by default
  invitation_failed: { inApp: true, email: false },
  approval_decision: { inApp: true, email: true },
  stalled_deal: { inApp: true, email: false },
};

export const notificationPreferences = z.object(
  Object.fromEntries(NOTIFICATION_TYPES.map((t) => [t, channelPreference])) as Record<NotificationType, typeof channelPreference>,
);
export type NotificationPreferences = z.infer<typeof notificationPreferences>;

/** PUT body: any subset of types; omitted types keep their current choice. */
export const notificationPreferencesInput = notificationPreferences.partial().strict();
