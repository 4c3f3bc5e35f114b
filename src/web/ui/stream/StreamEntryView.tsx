import { Anchor, Avatar, Group, Paper, Stack, Text, ThemeIcon, Tooltip } from '@mantine/core';
import {
  IconArrowsExchange,
  IconCalendarCheck,
  IconDownload,
  IconEdit,
  IconGavel,
  IconHourglassLow,
  IconLink,
  IconLinkOff,
  IconListCheck,
  IconMail,
  IconMessage,
  IconPlus,
  IconRestore,
  IconSparkles,
  IconTransfer,
  IconTrash,
  IconUserShare,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { splitMentions } from '../../../domain/notifications/mentions.js';
import type { FieldChange, StreamEntry } from '../../../domain/stream/stream.schema.js';
import { useFormat } from '../../app/i18n/format.js';
import { EmailEntryBody } from '../../modules/emails/EmailBody.js';

export type ValueFormatter = (field: string, value: unknown) => string;

const ICONS: Record<string, { icon: ReactNode; color: string }> = {
  create: { icon: <IconSparkles size={14} />, color: 'teal' },
  update: { icon: <IconEdit size={14} />, color: 'blue' },
  status: { icon: <IconArrowsExchange size={14} />, color: 'violet' },
  assign: { icon: <IconUserShare size={14} />, color: 'grape' },
  note: { icon: <IconMessage size={14} />, color: 'indigo' },
  email_sent: { icon: <IconMail size={14} />, color: 'cyan' },
  email_received: { icon: <IconMail size={14} />, color: 'cyan' },
  create_related: { icon: <IconPlus size={14} />, color: 'teal' },
  relate: { icon: <IconLink size={14} />, color: 'gray' },
  unrelate: { icon: <IconLinkOff size={14} />, color: 'gray' },
  delete: { icon: <IconTrash size={14} />, color: 'red' },
  restore: { icon: <IconRestore size={14} />, color: 'green' },
  activity: { icon: <IconCalendarCheck size={14} />, color: 'green' },
  download: { icon: <IconDownload size={14} />, color: 'gray' },
  approval: { icon: <IconGavel size={14} />, color: 'yellow' },
  stall: { icon: <IconHourglassLow size={14} />, color: 'orange' },
  handover: { icon: <IconTransfer size={14} />, color: 'grape' },
  checklist: { icon: <IconListCheck size={14} />, color: 'lime' },
};

const RECORD_PATHS: Record<string, string> = {
  account: '/accounts',
  contact: '/contacts',
  lead: '/leads',
  activity: '/activities',
  opportunity: '/opportunities',
};

export function StreamEntryView({ entry, formatValue }: { entry: StreamEntry; formatValue: ValueFormatter }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const look = ICONS[entry.type] ?? { icon: <IconSparkles size={14} />, color: 'gray' };
  const actor = entry.actor?.name ?? t('stream.system');
  const typeLabel = t(`stream.type.${entry.type}`, { defaultValue: entry.type });
  return (
    <Group align="flex-start" gap="sm" wrap="nowrap" data-testid="stream-entry" data-type={entry.type}>
      <Tooltip label={typeLabel}>
        <ThemeIcon variant="light" color={look.color} radius="xl" size={28} aria-label={typeLabel}>
          {look.icon}
        </ThemeIcon>
      </Tooltip>
      <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
        <Group gap={6} wrap="wrap">
          {entry.actor && <Avatar name={actor} color="initials" size={20} radius="xl" />}
          <Text size="sm" fw={600}>
            {actor}
          </Text>
          <Text size="sm" c="dimmed" component="span">
            <Summary entry={entry} formatValue={formatValue} />
          </Text>
          <Tooltip label={fmt.dateTime(entry.createdAt)}>
            <Text size="xs" c="dimmed" component="time" dateTime={entry.createdAt} ml="auto">
              {fmt.relative(entry.createdAt)}
            </Text>
          </Tooltip>
        </Group>
        <Body entry={entry} formatValue={formatValue} />
      </Stack>
    </Group>
  );
}

function Summary({ entry, formatValue }: { entry: StreamEntry; formatValue: ValueFormatter }) {
  const { t } = useTranslation();
  const d = entry.data;
  switch (entry.type) {
    case 'assign':
      return t('stream.entry.assign', { from: formatValue('ownerId', d.from) || '—', to: formatValue('ownerId', d.to) || '—' });
    case 'create_related':
    case 'relate':
    case 'unrelate': {
      const record = d.record as { type?: string; id?: string; name?: string } | undefined;
      const relationKey = String(d.relation ?? record?.type ?? '');
      const relation = t(`stream.relation.${relationKey}`, { defaultValue: relationKey });
      const path = record?.type ? RECORD_PATHS[record.type] : undefined;
      return (
        <>
          {t(`stream.entry.${entry.type}`, { relation, name: '' })}
          {record?.name &&
            (path && record.id ? (
              <Anchor component={Link} to={`${path}/${record.id}`} size="sm">
                {record.name}
              </Anchor>
            ) : (
              record.name
            ))}
        </>
      );
    }
    case 'status': {
      // lead status (from/to are enum values) or opportunity stage (from/to are {id, name})
      const label = (v: unknown) =>
        v && typeof v === 'object' && 'name' in v
          ? String((v as { name: unknown }).name)
          : v == null
            ? '—'
            : t(`leads.status.${String(v)}`, { defaultValue: String(v) });
      const move = `${label(d.from)} → ${label(d.to)}`;
      // an opportunity closed as won/lost {outcome, reason: lost reason, note} or reopened {reopened: true};
      // the close note is shown on the deal itself
      if (d.outcome === 'won' || d.outcome === 'lost' || d.reopened === true) {
        const verb = t(d.reopened === true ? 'stream.entry.status_reopened' : `stream.entry.status_${String(d.outcome)}`);
        const lostReason =
          d.outcome === 'lost' && typeof d.reason === 'string' && d.reason
            ? ` (${t(`opportunities:lostReason.${d.reason}`, { defaultValue: d.reason })})`
            : '';
        return `${verb}: ${move}${lostReason}`;
      }
      const reason = typeof d.reason === 'string' && d.reason ? ` (${d.reason})` : '';
      return `${t('stream.entry.status')}: ${move}${reason}`;
    }
    case 'activity': {
      // "Meeting held: <subject> — <outcome>" (the outcome is shown below as the entry's body)
      const record = d.record as { id?: string; name?: string; activityType?: string } | undefined;
      const label = t(`stream.activity.${record?.activityType}_${String(d.status)}`, {
        defaultValue: t('stream.activity.other', { status: String(d.status) }),
      });
      return (
        <>
          {label}{' '}
          {record?.id ? (
            <Anchor component={Link} to={`/activities/${record.id}`} size="sm">
              {record.name}
            </Anchor>
          ) : (
            record?.name
          )}
        </>
      );
    }
    case 'download': {
      // an attachment of the record was downloaded (or viewed in the preview): downloads are audited
      const record = d.record as { name?: string } | undefined;
      const verb = d.preview
        ? t('stream.entry.preview', { defaultValue: 'viewed' })
        : t('stream.entry.download', { defaultValue: 'downloaded' });
      return `${verb} ${record?.name ?? ''}`;
    }
    case 'approval':
    case 'stall': {
      // approval {action: assessment|requested|approved|rejected, comment|note}; stall {action: continue|on_hold|close_lost, plan|reason|note}
      const action = String(d.action ?? '');
      const label = t(`stream.entry.${entry.type}_${action}`, { defaultValue: `${entry.type} ${action}` });
      const lost =
        entry.type === 'stall' && action === 'close_lost' && typeof d.reason === 'string'
          ? t(`opportunities:lostReason.${d.reason}`, { defaultValue: d.reason })
          : null;
      const detail = [lost, d.comment, d.note, d.plan, action === 'on_hold' ? d.reason : null].filter(
        (v): v is string => typeof v === 'string' && v !== '',
      );
      return detail.length ? `${label}: ${detail.join(' — ')}` : label;
    }
    case 'checklist': {
      // an item of the deal's stage checklist {stage: {id, name}, item, index, done} (decision 019)
      const stage = (d.stage as { name?: string } | undefined)?.name ?? '—';
      return t(d.done ? 'stream.entry.checklist_done' : 'stream.entry.checklist_undone', { item: String(d.item ?? ''), stage });
    }
    case 'handover': {
      const to = (d.to as { name?: string } | undefined)?.name ?? '—';
      const label = t('stream.entry.handover', { to });
      return typeof d.note === 'string' && d.note ? `${label}: ${d.note}` : label;
    }
    default:
      return t(`stream.entry.${entry.type}`, { defaultValue: t('stream.entry.unknown', { type: entry.type }) });
  }
}

function Body({ entry, formatValue }: { entry: StreamEntry; formatValue: ValueFormatter }) {
  const { t } = useTranslation();
  if (entry.type === 'email_sent' || entry.type === 'email_received') return <EmailEntryBody data={entry.data} />;
  if (entry.type === 'activity' && typeof entry.data.outcome === 'string' && entry.data.outcome) {
    return (
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="stream-activity-outcome">
        — {entry.data.outcome}
      </Text>
    );
  }
  if (entry.type === 'note' && typeof entry.data.body === 'string') {
    return (
      <Paper withBorder p="sm" bg="var(--mantine-color-gray-0)">
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {splitMentions(entry.data.body).map((part, i) =>
            typeof part === 'string' ? (
              part
            ) : (
              // biome-ignore lint/suspicious/noArrayIndexKey: parts of one immutable text
              <Text key={i} component="span" size="sm" fw={600} c="indigo">
                @{part.name}
              </Text>
            ),
          )}
        </Text>
      </Paper>
    );
  }
  if (entry.type === 'update' && Array.isArray(entry.data.changes)) {
    return (
      <Stack gap={2} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
        {(entry.data.changes as FieldChange[]).map((c) => (
          <Text key={c.field} size="sm" component="li" data-testid="stream-change">
            <Text span fw={500}>
              {t(`fields.${c.field}`, { defaultValue: c.field })}:
            </Text>{' '}
            <Text span c="dimmed">
              {formatValue(c.field, c.old) || t('common.noValue')}
            </Text>{' '}
            → <Text span>{formatValue(c.field, c.new) || t('common.noValue')}</Text>
          </Text>
        ))}
      </Stack>
    );
  }
  if (entry.type === 'create' && typeof entry.data.name === 'string') {
    return (
      <Text size="sm" c="dimmed">
        {entry.data.name}
      </Text>
    );
  }
  return null;
}
