import { Anchor, Badge, ThemeIcon } from '@mantine/core';
import { IconCalendarEvent, IconCheckbox, IconMail, IconPhone } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Activity, ActivityStatus, ActivityType } from '../../../domain/activities/activity.schema.js';
import { RELATED_RESOURCES } from './api.js';

export const TYPE_COLORS: Record<ActivityType, string> = { meeting: 'indigo', call: 'teal', email: 'cyan', task: 'orange' };

const STATUS_COLORS: Record<ActivityStatus, string> = {
  planned: 'blue',
  held: 'green',
  completed: 'green',
  not_held: 'gray',
  cancelled: 'gray',
};

export function TypeIcon({ type, size = 16 }: { type: ActivityType; size?: number }) {
  switch (type) {
    case 'meeting':
      return <IconCalendarEvent size={size} />;
    case 'call':
      return <IconPhone size={size} />;
    case 'email':
      return <IconMail size={size} />;
    default:
      return <IconCheckbox size={size} />;
  }
}

export function TypeBadgeIcon({ type, size = 30 }: { type: ActivityType; size?: number }) {
  const { t } = useTranslation('activities');
  return (
    <ThemeIcon
      variant="light"
      color={TYPE_COLORS[type]}
      radius="xl"
      size={size}
      aria-label={t(`type.${type}`)}
      title={t(`type.${type}`)}
    >
      <TypeIcon type={type} size={Math.round(size * 0.55)} />
    </ThemeIcon>
  );
}

export function StatusBadge({ status }: { status: ActivityStatus }) {
  const { t } = useTranslation('activities');
  return (
    <Badge variant="light" color={STATUS_COLORS[status]} size="sm" data-testid="activity-status">
      {t(`status.${status}`)}
    </Badge>
  );
}

export function relatedPath(related: { type: string; id: string }): string {
  const resource = RELATED_RESOURCES[related.type as keyof typeof RELATED_RESOURCES];
  return `/${resource ?? related.type}/${related.id}`;
}

export function RelatedLink({ related }: { related: Activity['relatedTo'] }) {
  const { t } = useTranslation('activities');
  if (!related) return null;
  return (
    <Anchor component={Link} to={relatedPath(related)} size="sm" onClick={(e) => e.stopPropagation()}>
      {related.name ?? t(`relatedType.${related.type}`)}
    </Anchor>
  );
}

/** Whole days from `iso` to today (local calendar days): 0 = today, 2 = the day before yesterday. */
export function daysOverdue(iso: string, now = new Date()): number {
  const due = new Date(iso);
  const a = Date.UTC(due.getFullYear(), due.getMonth(), due.getDate());
  const b = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  return Math.max(0, Math.round((b - a) / 86_400_000));
}

/** Statuses an activity can move to from "planned", in the order the buttons show. */
export function closingStatuses(type: ActivityType): ActivityStatus[] {
  return type === 'meeting' || type === 'call' ? ['held', 'not_held', 'cancelled'] : ['completed', 'cancelled'];
}
