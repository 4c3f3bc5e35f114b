import { ActionIcon, Avatar, Badge, Button, Group, Paper, Skeleton, Table, Text, Tooltip } from '@mantine/core';
import { IconEdit, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../domain/users/user.schema.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { useSortedUsers, useTeams, useUsers } from '../users/api.js';
import { AdminOnly } from './AdminOnly.js';
import { UserFormModal } from './UserFormModal.js';

export default function UsersPage() {
  return (
    <AdminOnly>
      <UsersTable />
    </AdminOnly>
  );
}

function UsersTable() {
  const { t } = useTranslation();
  const query = useUsers();
  const users = useSortedUsers();
  const teams = useTeams();
  const teamName = new Map((teams.data?.data ?? []).map((team) => [team.id, team.name]));
  const [editing, setEditing] = useState<User | null | 'new'>(null);

  return (
    <>
      <PageHeader
        title={t('admin.users.title')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            {t('admin.users.new')}
          </Button>
        }
      />
      <Paper withBorder shadow="xs">
        <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md" aria-label={t('admin.users.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('fields.name')}</Table.Th>
              <Table.Th>{t('fields.email')}</Table.Th>
              <Table.Th>{t('fields.role')}</Table.Th>
              <Table.Th>{t('fields.teamIds')}</Table.Th>
              <Table.Th>{t('fields.locale')}</Table.Th>
              <Table.Th w={60} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {query.isPending &&
              [1, 2, 3].map((i) => (
                <Table.Tr key={i}>
                  <Table.Td colSpan={6}>
                    <Skeleton height={16} />
                  </Table.Td>
                </Table.Tr>
              ))}
            {users.map((u) => (
              <Table.Tr key={u.id} opacity={u.active ? 1 : 0.55}>
                <Table.Td>
                  <Group gap="sm" wrap="nowrap">
                    <Avatar name={u.name} color="initials" size={28} radius="xl" />
                    <Text size="sm" fw={500}>
                      {u.name}
                    </Text>
                    {!u.active && (
                      <Badge size="xs" color="gray">
                        {t('admin.users.inactive')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>{u.email}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={u.role === 'admin' ? 'red' : 'indigo'} radius="sm">
                    {t(`role.${u.role}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {u.teamIds
                    .map((id) => teamName.get(id))
                    .filter(Boolean)
                    .join(', ')}
                </Table.Td>
                <Table.Td>{u.locale.toUpperCase()}</Table.Td>
                <Table.Td>
                  <Tooltip label={t('common.edit')}>
                    <ActionIcon variant="subtle" aria-label={`${t('common.edit')} ${u.name}`} onClick={() => setEditing(u)}>
                      <IconEdit size={16} />
                    </ActionIcon>
                  </Tooltip>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      {editing && <UserFormModal user={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}
