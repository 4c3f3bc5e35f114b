import { Anchor, Button, Checkbox, Group, Menu, Text } from '@mantine/core';
import { IconColumns, IconDownload, IconTargetArrow } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Opportunity } from '../../../domain/opportunities/opportunity.schema.js';
import { useCurrentUser } from '../../app/auth/session.js';
import { useFormat } from '../../app/i18n/format.js';
import { ListEmpty } from '../../ui/ListEmpty.js';
import { type Column, VirtualTable } from '../../ui/VirtualTable.js';
import { exportUrl, type ListParams, type OpportunityFilters, useOpportunityList } from './api.js';
import { StatusBadge } from './labels.js';
import { useMoney } from './money.js';
import './i18n.js';

const ALL_COLUMNS = [
  'name',
  'account',
  'stage',
  'status',
  'amount',
  'amountBase',
  'probability',
  'expectedCloseDate',
  'forecastCategory',
  'owner',
  'nextStep',
  'daysInStage',
  'updatedAt',
  'createdAt',
] as const;
type ColumnKey = (typeof ALL_COLUMNS)[number];
export const columnsStorageKey = (userId: string) => `stride.opportunities.columns.${userId}`;

const DEFAULT_COLUMNS: ColumnKey[] = [
  'name',
  'account',
  'stage',
  'amount',
  'amountBase',
  'probability',
  'expectedCloseDate',
  'owner',
];

const isColumn = (c: string): c is ColumnKey => (ALL_COLUMNS as readonly string[]).includes(c);

function validColumns(list: readonly string[] | null | undefined): ColumnKey[] | null {
  const valid = list?.filter(isColumn);
  return valid?.length ? valid : null;
}

function storedColumns(userId: string): ColumnKey[] | null {
  try {
    return validColumns(JSON.parse(localStorage.getItem(columnsStorageKey(userId)) ?? 'null') as string[] | null);
  } catch {
    return null;
  }
}

/**
 * The columns the table shows, in this order: the URL's `cols` (put there by a saved view, a shared link or the
 * column menu), else this user's last choice in this browser, else the defaults. This is what a saved view keeps.
 */
export function tableColumns(userId: string, fromUrl: string | null | undefined): ColumnKey[] {
  return validColumns(fromUrl?.split(',')) ?? storedColumns(userId) ?? DEFAULT_COLUMNS;
}

export function OpportunityTable({
  pipelineId,
  filters,
  sort,
  onSortChange,
  cols,
  onColumnsChange,
}: {
  pipelineId: string | undefined;
  filters: OpportunityFilters;
  sort: string;
  onSortChange: (s: string) => void;
  /** the URL's `cols` (comma-separated column keys; empty: the user's last choice or the defaults) */
  cols: string;
  onColumnsChange: (cols: string) => void;
}) {
  const { t } = useTranslation('opportunities');
  const fmt = useFormat();
  const money = useMoney();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const chosen = useMemo(() => tableColumns(me.id, cols), [me.id, cols]);
  const toggle = (c: ColumnKey) => {
    // start from the address bar, not this render: router updates are transitions, and a second quick click must
    // not undo the first
    const now = tableColumns(me.id, new URLSearchParams(window.location.search).get('cols'));
    const next = now.includes(c) ? now.filter((x) => x !== c) : ALL_COLUMNS.filter((x) => x === c || now.includes(x));
    if (next.length === 0) return;
    // remembered for the next visit, and in the URL so the choice is part of the view (saved views, shared links)
    localStorage.setItem(columnsStorageKey(me.id), JSON.stringify(next));
    onColumnsChange(next.join(','));
  };
  const params: ListParams = { ...filters, pipelineId, sort };
  const list = useOpportunityList(params, 50, Boolean(pipelineId));
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];

  const columns = useMemo(() => {
    const defs: Record<ColumnKey, Column<Opportunity>> = {
      name: {
        key: 'name',
        header: t('fields.name'),
        sortField: 'name',
        width: '22%',
        render: (o) => (
          <Anchor component={Link} to={`/opportunities/${o.id}`} fw={500} size="sm">
            {o.name}
          </Anchor>
        ),
      },
      account: { key: 'account', header: t('fields.account'), render: (o) => o.account?.name ?? '' },
      stage: { key: 'stage', header: t('fields.stage'), render: (o) => o.stage.name },
      status: { key: 'status', header: t('fields.status'), render: (o) => <StatusBadge status={o.status} /> },
      amount: { key: 'amount', header: t('fields.amount'), render: (o) => money(o.amount, o.currency) },
      amountBase: {
        key: 'amountBase',
        header: t('fields.amountBase', { currency: rows[0]?.baseCurrency ?? '' }),
        render: (o) => money(o.amountBase, o.baseCurrency),
      },
      probability: { key: 'probability', header: t('fields.probability'), width: 110, render: (o) => `${o.probability} %` },
      expectedCloseDate: {
        key: 'expectedCloseDate',
        header: t('fields.expectedCloseDate'),
        render: (o) => fmt.date(o.expectedCloseDate),
      },
      forecastCategory: {
        key: 'forecastCategory',
        header: t('fields.forecastCategory'),
        render: (o) => t(`forecast.${o.forecastCategory}`),
      },
      owner: { key: 'owner', header: t('fields.owner'), render: (o) => o.owner?.name ?? '' },
      nextStep: { key: 'nextStep', header: t('fields.nextStep'), render: (o) => o.nextStep ?? '' },
      daysInStage: { key: 'daysInStage', header: t('fields.daysInStage'), width: 110, render: (o) => fmt.number(o.daysInStage) },
      updatedAt: {
        key: 'updatedAt',
        header: t('fields.updatedAt'),
        sortField: 'updatedAt',
        render: (o) => fmt.date(o.updatedAt),
      },
      createdAt: {
        key: 'createdAt',
        header: t('fields.createdAt'),
        sortField: 'createdAt',
        render: (o) => fmt.date(o.createdAt),
      },
    };
    return chosen.map((c) => defs[c]);
  }, [chosen, t, fmt, money, rows[0]?.baseCurrency]);

  return (
    <>
      <Group justify="space-between" mb="xs">
        <Text size="sm" c="dimmed">
          {list.isSuccess && `${rows.length}${list.hasNextPage ? '+' : ''}`}
        </Text>
        <Group gap="xs">
          <Menu closeOnItemClick={false} position="bottom-end">
            <Menu.Target>
              <Button variant="default" size="xs" leftSection={<IconColumns size={14} />}>
                {t('tableView.columns')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {ALL_COLUMNS.map((c) => (
                <Menu.Item
                  key={c}
                  onClick={() => toggle(c)}
                  // the box only shows the state: a label of its own would pass the click on a second time
                  leftSection={
                    <Checkbox
                      size="xs"
                      readOnly
                      tabIndex={-1}
                      aria-hidden
                      checked={chosen.includes(c)}
                      style={{ pointerEvents: 'none' }}
                    />
                  }
                >
                  {c === 'amountBase' ? t('fields.amountBase', { currency: rows[0]?.baseCurrency ?? '' }) : t(`fields.${c}`)}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
          <Button component="a" href={exportUrl(params)} variant="default" size="xs" leftSection={<IconDownload size={14} />}>
            {t('tableView.export')}
          </Button>
        </Group>
      </Group>
      <VirtualTable
        label={t('title')}
        columns={columns}
        rows={rows}
        rowKey={(o) => o.id}
        sort={sort}
        onSortChange={onSortChange}
        onRowClick={(o) => navigate(`/opportunities/${o.id}`)}
        isLoading={list.isPending}
        hasNextPage={list.hasNextPage}
        isFetchingNextPage={list.isFetchingNextPage}
        fetchNextPage={() => void list.fetchNextPage()}
        empty={
          <ListEmpty icon={<IconTargetArrow size={28} />} title={t('tableView.empty')} description={t('tableView.emptyHint')} />
        }
        height="calc(100vh - 290px)"
      />
    </>
  );
}
