import { Anchor, Button, Checkbox, Group, Menu, Text } from '@mantine/core';
import { IconColumns, IconDownload, IconTargetArrow } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
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

/** The columns the table shows for this user now (stored choice or the defaults) — what a saved view keeps. */
export function currentColumns(userId: string): string[] {
  try {
    const stored = JSON.parse(localStorage.getItem(columnsStorageKey(userId)) ?? 'null') as string[] | null;
    const valid = stored?.filter((c) => (ALL_COLUMNS as readonly string[]).includes(c));
    return valid?.length ? valid : DEFAULT_COLUMNS;
  } catch {
    return DEFAULT_COLUMNS;
  }
}

/** Column choice per user in this browser; a saved view puts its columns in the URL (`cols=a,b,c`) and they win. */
function useColumnChoice(userId: string, fromUrl: string | null) {
  const key = columnsStorageKey(userId);
  const [chosen, setChosen] = useState<ColumnKey[]>(() => {
    try {
      const stored = JSON.parse(localStorage.getItem(key) ?? 'null') as string[] | null;
      const valid = stored?.filter((c): c is ColumnKey => (ALL_COLUMNS as readonly string[]).includes(c));
      return valid?.length ? valid : DEFAULT_COLUMNS;
    } catch {
      return DEFAULT_COLUMNS;
    }
  });
  useEffect(() => {
    const valid = fromUrl?.split(',').filter((c): c is ColumnKey => (ALL_COLUMNS as readonly string[]).includes(c));
    if (!valid?.length) return;
    setChosen(valid);
    localStorage.setItem(key, JSON.stringify(valid));
  }, [fromUrl, key]);
  const toggle = (c: ColumnKey) => {
    const next = chosen.includes(c) ? chosen.filter((x) => x !== c) : ALL_COLUMNS.filter((x) => x === c || chosen.includes(x));
    if (next.length === 0) return;
    setChosen(next);
    localStorage.setItem(key, JSON.stringify(next));
  };
  return { chosen, toggle };
}

export function OpportunityTable({
  pipelineId,
  filters,
  sort,
  onSortChange,
}: {
  pipelineId: string | undefined;
  filters: OpportunityFilters;
  sort: string;
  onSortChange: (s: string) => void;
}) {
  const { t } = useTranslation('opportunities');
  const fmt = useFormat();
  const money = useMoney();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const [searchParams] = useSearchParams();
  const { chosen, toggle } = useColumnChoice(me.id, searchParams.get('cols'));
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
                <Menu.Item key={c} onClick={() => toggle(c)}>
                  <Checkbox
                    size="xs"
                    readOnly
                    checked={chosen.includes(c)}
                    label={
                      c === 'amountBase' ? t('fields.amountBase', { currency: rows[0]?.baseCurrency ?? '' }) : t(`fields.${c}`)
                    }
                  />
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
