import { Anchor, Button, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useFormat } from '../../app/i18n/format.js';
import { useOpportunityList } from './api.js';
import { StatusBadge } from './labels.js';
import { useMoney } from './money.js';
import { OpportunityCreateModal } from './OpportunityCreateModal.js';
import './i18n.js';

/**
 * The opportunities of an account (on the account page, and on a contact's page for the contact's account).
 * Goes through the same list endpoint and read scope as the table.
 */
export function RelatedOpportunities({
  account,
  canCreate,
  title,
}: {
  account: { id: string; name: string };
  canCreate: boolean;
  title?: string;
}) {
  const { t } = useTranslation('opportunities');
  const fmt = useFormat();
  const money = useMoney();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const list = useOpportunityList({ accountId: account.id, sort: '-updatedAt' }, 20);
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <Paper withBorder p="md" shadow="xs" component="section" aria-label={title ?? t('related.title')}>
      <Group justify="space-between" mb="sm">
        <Title order={4}>{title ?? t('related.title')}</Title>
        {canCreate && (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setCreating(true)}>
            {t('new')}
          </Button>
        )}
      </Group>
      {list.isPending ? (
        <Loader size="sm" type="dots" />
      ) : rows.length === 0 ? (
        <Text size="sm" c="dimmed" ta="center" py="md">
          {t('related.empty')}
        </Text>
      ) : (
        <Stack gap={0}>
          <Table verticalSpacing="xs" aria-label={title ?? t('related.title')}>
            <Table.Tbody>
              {rows.map((o) => (
                <Table.Tr key={o.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/opportunities/${o.id}`} size="sm" fw={500}>
                      {o.name}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {o.stage.name} · {fmt.date(o.expectedCloseDate)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={o.status} />
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm">{money(o.amount, o.currency)}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {list.hasNextPage && (
            <Button variant="subtle" size="xs" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
              …
            </Button>
          )}
        </Stack>
      )}
      {creating && (
        <OpportunityCreateModal
          onClose={() => setCreating(false)}
          defaults={{ accountId: account.id, accountName: account.name }}
          onCreated={(o) => navigate(`/opportunities/${o.id}`)}
        />
      )}
    </Paper>
  );
}
