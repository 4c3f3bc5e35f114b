import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Menu,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { IconDots, IconMailbox, IconPlus, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Mailbox, SyncResult } from '../../../domain/mailboxes/mailbox.schema.js';
import { api } from '../../app/api/client.js';
import { useFormat } from '../../app/i18n/format.js';
import { notifyError } from '../../app/notify.js';
import { ConfirmModal } from '../../ui/ConfirmModal.js';
import { ListEmpty } from '../../ui/ListEmpty.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { AdminOnly } from '../admin/AdminOnly.js';
import { MAILBOXES_KEY, useMailboxes, useSyncMailbox } from './api.js';
import { MAILBOXES_NS } from './i18n.js';
import { MailboxFormModal } from './MailboxFormModal.js';

export default function MailboxesPage() {
  return (
    <AdminOnly>
      <MailboxesTable />
    </AdminOnly>
  );
}

function MailboxesTable() {
  const { t } = useTranslation(MAILBOXES_NS);
  const { t: tc } = useTranslation();
  const { dateTime, number, compare } = useFormat();
  const queryClient = useQueryClient();
  const [deleted, setDeleted] = useState(false);
  const [editing, setEditing] = useState<Mailbox | 'new' | null>(null);
  const [removing, setRemoving] = useState<Mailbox | null>(null);
  const [results, setResults] = useState<Record<string, SyncResult | { ok: false; error: string }>>({});
  const mailboxes = useMailboxes({ deleted });
  const sync = useSyncMailbox();
  const sorted = [...(mailboxes.data?.data ?? [])].sort((a, b) => compare(a.name, b.name));

  const remove = useMutation({
    mutationFn: (m: Mailbox) => api.delete(`/mailboxes/${m.id}`),
    onSuccess: () => {
      setRemoving(null);
      void queryClient.invalidateQueries({ queryKey: MAILBOXES_KEY });
    },
    onError: (error) => notifyError(tc, error),
  });
  const restore = useMutation({
    mutationFn: (m: Mailbox) => api.post(`/mailboxes/${m.id}/restore`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: MAILBOXES_KEY }),
    onError: (error) => notifyError(tc, error),
  });

  const syncNow = (m: Mailbox) =>
    sync.mutate(m.id, {
      onSuccess: (result) => setResults((r) => ({ ...r, [m.id]: result })),
      onError: (error) =>
        setResults((r) => ({ ...r, [m.id]: { ok: false, error: error instanceof Error ? error.message : String(error) } })),
    });

  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            {t('new')}
          </Button>
        }
      />
      <Group mb="sm">
        <SegmentedControl
          size="xs"
          value={deleted ? 'deleted' : 'current'}
          onChange={(v) => setDeleted(v === 'deleted')}
          data={[
            { value: 'current', label: tc('common.all') },
            { value: 'deleted', label: tc('common.showDeleted') },
          ]}
        />
      </Group>
      <Paper withBorder shadow="xs">
        {mailboxes.isSuccess && sorted.length === 0 ? (
          <ListEmpty icon={<IconMailbox size={28} />} title={t('empty')} description={deleted ? undefined : t('emptyHint')} />
        ) : (
          <Table verticalSpacing="sm" horizontalSpacing="md" aria-label={t('title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('columns.name')}</Table.Th>
                <Table.Th>{t('columns.server')}</Table.Th>
                <Table.Th>{t('columns.state')}</Table.Th>
                <Table.Th>{t('columns.lastSuccess')}</Table.Th>
                <Table.Th ta="right">{t('columns.processed')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sorted.map((m) => {
                const result = results[m.id];
                return (
                  <Table.Tr key={m.id}>
                    <Table.Td fw={500}>{m.name}</Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {m.username} @ {m.host}:{m.port}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {m.folder} · {m.tls}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={4}>
                        <Group gap={4}>
                          {m.deletedAt ? (
                            <Badge color="gray">{t('deleted')}</Badge>
                          ) : m.active ? (
                            <Badge color="teal">{t('active')}</Badge>
                          ) : (
                            <Badge color="gray">{t('inactive')}</Badge>
                          )}
                          {m.status.syncing && <Badge color="blue">{t('syncing')}</Badge>}
                          {m.status.lastError ? (
                            <Badge color="red">{t('failing')}</Badge>
                          ) : m.status.lastSuccessAt ? (
                            <Badge variant="light">{t('ok')}</Badge>
                          ) : null}
                        </Group>
                        {m.status.lastError && (
                          <Text size="xs" c="red" role="alert">
                            {t('lastError', { at: dateTime(m.status.lastErrorAt) })}: {m.status.lastError}
                          </Text>
                        )}
                        {result && (
                          <Alert color={result.ok ? 'teal' : 'red'} p="xs" variant="light">
                            <Text size="xs">
                              {result.ok && 'processed' in result
                                ? `${t('syncResult', result)}${result.more ? ` ${t('syncMore')}` : ''}`
                                : t('syncFailed', { error: result.error })}
                            </Text>
                          </Alert>
                        )}
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      {m.status.lastSuccessAt ? dateTime(m.status.lastSuccessAt) : <Text c="dimmed">{t('never')}</Text>}
                    </Table.Td>
                    <Table.Td ta="right">{number(m.status.processedCount)}</Table.Td>
                    <Table.Td>
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        {!m.deletedAt && (
                          <Button
                            size="xs"
                            variant="light"
                            leftSection={<IconRefresh size={14} />}
                            loading={sync.isPending && sync.variables === m.id}
                            onClick={() => syncNow(m)}
                          >
                            {t('syncNow')}
                          </Button>
                        )}
                        <Menu position="bottom-end">
                          <Menu.Target>
                            <Tooltip label={tc('common.more', { defaultValue: '…' })}>
                              <ActionIcon variant="subtle" aria-label="menu">
                                <IconDots size={16} />
                              </ActionIcon>
                            </Tooltip>
                          </Menu.Target>
                          <Menu.Dropdown>
                            {m.deletedAt ? (
                              <Menu.Item onClick={() => restore.mutate(m)}>{t('restore')}</Menu.Item>
                            ) : (
                              <>
                                <Menu.Item onClick={() => setEditing(m)}>{t('edit')}</Menu.Item>
                                <Menu.Item color="red" onClick={() => setRemoving(m)}>
                                  {t('delete')}
                                </Menu.Item>
                              </>
                            )}
                          </Menu.Dropdown>
                        </Menu>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      {editing && <MailboxFormModal mailbox={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      <ConfirmModal
        opened={removing !== null}
        title={t('delete')}
        message={t('deleteConfirm', { name: removing?.name ?? '' })}
        confirmLabel={t('delete')}
        loading={remove.isPending}
        onConfirm={() => removing && remove.mutate(removing)}
        onClose={() => setRemoving(null)}
      />
    </>
  );
}
