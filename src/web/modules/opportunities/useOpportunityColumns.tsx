import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Opportunity } from '../../../domain/opportunities/opportunity.schema.js';
import { useFormat } from '../../app/i18n/format.js';
import { RecordNameLink } from '../../ui/records/fieldLinks.js';
import type { Column } from '../../ui/VirtualTable.js';
import { StatusBadge } from './labels.js';
import { useMoney } from './money.js';
import type { ColumnKey } from './tableColumns.js';
import './i18n.js';

/** The table's columns as chosen; `baseCurrency` names the converted amount's column. */
export function useOpportunityColumns(chosen: ColumnKey[], baseCurrency: string): Column<Opportunity>[] {
  const { t } = useTranslation('opportunities');
  const fmt = useFormat();
  const money = useMoney();
  return useMemo(() => {
    const date = (key: 'updatedAt' | 'createdAt'): Column<Opportunity> => ({
      key,
      header: t(`fields.${key}`),
      sortField: key,
      render: (o) => fmt.date(o[key]),
    });
    const defs: Record<ColumnKey, Column<Opportunity>> = {
      name: {
        key: 'name',
        header: t('fields.name'),
        sortField: 'name',
        width: '22%',
        render: (o) => <RecordNameLink to={`/opportunities/${o.id}`}>{o.name}</RecordNameLink>,
      },
      account: { key: 'account', header: t('fields.account'), render: (o) => o.account?.name ?? '' },
      stage: { key: 'stage', header: t('fields.stage'), render: (o) => o.stage.name },
      status: { key: 'status', header: t('fields.status'), render: (o) => <StatusBadge status={o.status} /> },
      amount: { key: 'amount', header: t('fields.amount'), render: (o) => money(o.amount, o.currency) },
      amountBase: {
        key: 'amountBase',
        header: t('fields.amountBase', { currency: baseCurrency }),
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
      updatedAt: date('updatedAt'),
      createdAt: date('createdAt'),
    };
    return chosen.map((c) => defs[c]);
  }, [chosen, t, fmt, money, baseCurrency]);
}
