import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Alert, Group, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WIN_LOSS_GROUPS } from '../../../domain/opportunities/win-loss.schema.js';
import { errorMessage } from '../../app/notify.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { usePipelines } from '../opportunities/api.js';
import { useMoney } from '../opportunities/money.js';
import '../opportunities/i18n.js';
import { useWinLoss } from './api.js';
import './i18n.js';

type GroupKey = (typeof WIN_LOSS_GROUPS)[number];

function isoDay(d: Date) {
  return d.toISOString().slice(0, 10);
}

/** Won/lost by reason, stage reached, owner, source or month: counts, amounts in the base currency, win rate, cycle. */
export default function WinLossPage() {
  const { t } = useTranslation('opportunityInsights');
  const { t: to } = useTranslation('opportunities');
  const { t: tc } = useTranslation();
  const money = useMoney();
  const pipelines = usePipelines();
  const yearAgo = new Date();
  yearAgo.setUTCFullYear(yearAgo.getUTCFullYear() - 1);
  const [from, setFrom] = useState(isoDay(yearAgo));
  const [until, setUntil] = useState(isoDay(new Date()));
  const [groupBy, setGroupBy] = useState<GroupKey>('reason');
  const [pipelineId, setPipelineId] = useState<string | null>(null);
  const report = useWinLoss({ from, to: until, groupBy, pipelineId: pipelineId ?? undefined });
  const data = report.data;
  const label = (key: string | null, fallback: string) => {
    if (groupBy === 'reason' && key) return key === 'won' ? to('status.won') : to(`lostReason.${key}`, { defaultValue: key });
    return fallback;
  };
  const pct = (r: number | null) => (r === null ? '–' : `${(r * 100).toFixed(1)} %`);
  const chart = (data?.groups ?? []).map((g) => ({ group: label(g.key, g.label), won: g.won, lost: g.lost }));

  return (
    <Stack>
      <PageHeader
        title={t('winLoss.title')}
        subtitle={data ? t('winLoss.subtitle', { currency: data.baseCurrency }) : undefined}
      />
      <Group align="flex-end">
        <TextInput type="date" label={t('winLoss.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput type="date" label={t('winLoss.to')} value={until} onChange={(e) => setUntil(e.currentTarget.value)} />
        <Select
          label={t('winLoss.groupBy')}
          value={groupBy}
          allowDeselect={false}
          onChange={(v) => v && setGroupBy(v as GroupKey)}
          data={WIN_LOSS_GROUPS.map((g) => ({ value: g, label: t(`winLoss.groups.${g}`) }))}
        />
        <Select
          label={to('pipeline')}
          clearable
          value={pipelineId}
          onChange={setPipelineId}
          data={(pipelines.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
        />
      </Group>
      {report.error && <Alert color="red">{errorMessage(tc, report.error)}</Alert>}
      {data && data.missingRates.length > 0 && (
        <Alert color="yellow">{t('winLoss.missingRates', { currencies: data.missingRates.join(', ') })}</Alert>
      )}
      {data && data.groups.length === 0 && <Text c="dimmed">{t('winLoss.empty')}</Text>}
      {data && data.groups.length > 0 && (
        <>
          <Paper withBorder p="md" data-testid="win-loss-chart">
            <BarChart
              h={260}
              data={chart}
              dataKey="group"
              withLegend
              series={[
                { name: 'won', label: t('winLoss.won'), color: 'teal.6' },
                { name: 'lost', label: t('winLoss.lost'), color: 'red.6' },
              ]}
            />
          </Paper>
          <Table striped highlightOnHover data-testid="win-loss-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('winLoss.group')}</Table.Th>
                <Table.Th ta="right">{t('winLoss.won')}</Table.Th>
                <Table.Th ta="right">{t('winLoss.lost')}</Table.Th>
                <Table.Th ta="right">{t('winLoss.wonAmount')}</Table.Th>
                <Table.Th ta="right">{t('winLoss.lostAmount')}</Table.Th>
                <Table.Th ta="right">{t('winLoss.winRate')}</Table.Th>
                <Table.Th ta="right">{t('winLoss.cycle')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...data.groups, data.totals].map((g, i) => {
                const total = i === data.groups.length;
                return (
                  <Table.Tr key={total ? '__total' : (g.key ?? '__none')} fw={total ? 700 : undefined}>
                    <Table.Td>{total ? t('winLoss.total') : label(g.key, g.label)}</Table.Td>
                    <Table.Td ta="right">{g.won}</Table.Td>
                    <Table.Td ta="right">{g.lost}</Table.Td>
                    <Table.Td ta="right">{money(g.wonAmount, data.baseCurrency)}</Table.Td>
                    <Table.Td ta="right">{money(g.lostAmount, data.baseCurrency)}</Table.Td>
                    <Table.Td ta="right">{pct(g.winRate)}</Table.Td>
                    <Table.Td ta="right">{g.avgCycleDays ?? '–'}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}
