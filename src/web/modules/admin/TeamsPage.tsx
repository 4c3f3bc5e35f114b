import { ActionIcon, Avatar, Button, Group, Paper, Table, Text, Tooltip } from '@mantine/core';
import { IconEdit, IconPlus, IconTrash, IconUsersGroup } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Team } from '../../../domain/users/user.schema.js';
import { api } from '../../app/api/client.js';
import { useFormat } from '../../app/i18n/format.js';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { ConfirmModal } from '../../ui/ConfirmModal.js';
import { ListEmpty } from '../../ui/ListEmpty.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { TEAMS_KEY, useTeams, useUserName } from '../users/api.js';
import { AdminOnly } from './AdminOnly.js';
import { TeamFormModal } from './TeamFormModal.js';

export default function TeamsPage() {
  return (
    <AdminOnly>
      <TeamsTable />
    </AdminOnly>
  );
}

function TeamsTable() {
  const { t } = useTranslation();
  const { compare } = useFormat();
  const queryClient = useQueryClient();
  const teams = useTeams();
  const userName = useUserName();
  const [editing, setEditing] = useState<Team | null | 'new'>(null);
  const [deleting, setDeleting] = useState<Team | null>(null);
  const sorted = useMemo(() => [...(teams.data?.data ?? [])].sort((a, b) => compare(a.name, b.name)), [teams.data, compare]);
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/teams/${id}`),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: TEAMS_KEY });
      notifySuccess(t('common.deleted'));
      setDeleting(null);
    },
    onError: (e) => notifyError(t, e),
  });

  return (
    <>
      <PageHeader
        title={t('admin.teams.title')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            {t('admin.teams.new')}
          </Button>
        }
      />
      <Paper withBorder shadow="xs">
        {teams.isSuccess && sorted.length === 0 ? (
          <ListEmpty icon={<IconUsersGroup size={28} />} title={t('admin.teams.empty')} />
        ) : (
          <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover aria-label={t('admin.teams.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fields.name')}</Table.Th>
                <Table.Th>{t('fields.leadId')}</Table.Th>
                <Table.Th>{t('fields.memberIds')}</Table.Th>
                <Table.Th w={100} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sorted.map((team) => (
                <Table.Tr key={team.id}>
                  <Table.Td fw={500}>{team.name}</Table.Td>
                  <Table.Td>
                    {userName(team.leadId) ?? (
                      <Text c="dimmed" size="sm">
                        {t('admin.teams.noLead')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      <Avatar.Group>
                        {team.memberIds.slice(0, 5).map((id) => (
                          <Tooltip key={id} label={userName(id) ?? ''}>
                            <Avatar name={userName(id) ?? '?'} color="initials" size={26} radius="xl" />
                          </Tooltip>
                        ))}
                      </Avatar.Group>
                      <Text size="sm" c="dimmed">
                        {t('admin.teams.members', { count: team.memberIds.length })}
                      </Text>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <ActionIcon
                        variant="subtle"
                        aria-label={`${t('common.edit')} ${team.name}`}
                        onClick={() => setEditing(team)}
                      >
                        <IconEdit size={16} />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={`${t('common.delete')} ${team.name}`}
                        onClick={() => setDeleting(team)}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      {editing && <TeamFormModal team={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      <ConfirmModal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t('admin.teams.deleteTitle')}
        message={t('admin.teams.deleteConfirm', { name: deleting?.name ?? '' })}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting.id)}
      />
    </>
  );
}
