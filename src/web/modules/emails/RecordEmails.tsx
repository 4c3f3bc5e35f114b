import { Badge, Button, Collapse, Group, Paper, Skeleton, Stack, Text, Title, Tooltip, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconArrowDownLeft, IconArrowUpRight, IconMailPlus, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { RelatedRef } from '../../../domain/activities/activity.schema.js';
import type { ThreadMessage } from '../../../domain/emails/email.schema.js';
import { useCanEdit } from '../../app/auth/session.js';
import { useFormat } from '../../app/i18n/format.js';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { useRetryEmail, useThread } from './api.js';
import { AttachmentList, EmailMessageBody, EmailStatusBadge } from './EmailBody.js';
import { EmailComposer } from './EmailComposer.js';
import './i18n.js';

type Props = { related: RelatedRef & { name?: string | null }; canEdit?: boolean };

/** A record's email conversation (sent, received, and what is still on its way or failed) with "Send email". */
export function RecordEmails({ related, canEdit: canEditRecord = true }: Props) {
  const { t } = useTranslation('emails');
  const canEdit = useCanEdit() && canEditRecord;
  const [composing, composer] = useDisclosure(false);
  const thread = useThread({ type: related.type, id: related.id });
  const messages = [...(thread.data?.data ?? [])].reverse();
  return (
    <Paper withBorder p="md" shadow="xs" component="section" aria-label={t('thread.title')} data-testid="record-emails">
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={4}>{t('thread.title')}</Title>
        {canEdit && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconMailPlus size={14} />}
            onClick={composer.open}
            data-testid="send-email"
          >
            {t('send')}
          </Button>
        )}
      </Group>
      {thread.isPending ? (
        <Skeleton height={40} />
      ) : messages.length === 0 ? (
        <Text size="sm" c="dimmed" ta="center" py="md">
          {t('thread.none')}
        </Text>
      ) : (
        <Stack gap="xs">
          {messages.map((m) => (
            <ThreadItem key={`${m.direction}-${m.id}`} message={m} />
          ))}
        </Stack>
      )}
      <EmailComposer opened={composing} onClose={composer.close} related={related} />
    </Paper>
  );
}

function ThreadItem({ message: m }: { message: ThreadMessage }) {
  const { t } = useTranslation('emails');
  const { t: tc } = useTranslation();
  const fmt = useFormat();
  const [opened, { toggle }] = useDisclosure(false);
  const retry = useRetryEmail();
  return (
    <Paper withBorder p="xs" data-testid="email-thread-item" data-direction={m.direction}>
      <UnstyledButton onClick={toggle} w="100%" aria-expanded={opened}>
        <Group gap="xs" wrap="nowrap">
          <Tooltip label={m.direction === 'in' ? t('thread.in') : t('thread.out')}>
            {m.direction === 'in' ? (
              <IconArrowDownLeft size={16} color="var(--mantine-color-blue-6)" />
            ) : (
              <IconArrowUpRight size={16} color="var(--mantine-color-teal-6)" />
            )}
          </Tooltip>
          <Text size="sm" fw={600} style={{ flex: 1, minWidth: 0 }} truncate>
            {m.subject ?? '—'}
          </Text>
          {m.status && m.status !== 'sent' && <EmailStatusBadge status={m.status} />}
          {m.direction === 'in' && (
            <Badge size="xs" variant="light">
              {t('thread.in')}
            </Badge>
          )}
          <Text size="xs" c="dimmed" component="time" dateTime={m.at}>
            {fmt.dateTime(m.at)}
          </Text>
        </Group>
        <Text size="xs" c="dimmed" truncate>
          {m.from && `${t('thread.from')}: ${m.from} · `}
          {t('thread.to')}: {m.to.join(', ')}
          {m.cc.length > 0 && ` · ${t('thread.cc')}: ${m.cc.join(', ')}`}
        </Text>
      </UnstyledButton>
      {m.status === 'failed' || (m.status === 'queued' && m.lastError) ? (
        <Group gap="xs" mt={4} wrap="nowrap">
          <Text size="xs" c="red" style={{ flex: 1 }}>
            {m.lastError}
          </Text>
          <Button
            size="compact-xs"
            variant="light"
            leftSection={<IconRefresh size={12} />}
            loading={retry.isPending}
            onClick={() =>
              retry.mutate(m.id, { onSuccess: () => notifySuccess(t('retried')), onError: (e) => notifyError(tc, e) })
            }
          >
            {t('retry')}
          </Button>
        </Group>
      ) : null}
      <Collapse expanded={opened}>
        {opened && (
          <Stack gap={6} mt="xs">
            <AttachmentList attachments={m.attachments} />
            <EmailMessageBody text={m.text} html={m.html} />
          </Stack>
        )}
      </Collapse>
    </Paper>
  );
}
