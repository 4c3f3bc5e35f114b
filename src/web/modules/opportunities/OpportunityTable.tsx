import { Button, Group, Text } from '@mantine/core';
import { IconDownload, IconTargetArrow } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../app/auth/session.js';
import { ListEmpty } from '../../ui/ListEmpty.js';
import { RecordTable } from '../../ui/records/RecordTable.js';
import { useRecordRows } from '../../ui/records/useRecordRows.js';
import { exportUrl, type ListParams, type OpportunityFilters, useOpportunityList } from './api.js';
import { ColumnsMenu } from './ColumnsMenu.js';
import { tableColumns, toggleColumn } from './tableColumns.js';
import { useOpportunityColumns } from './useOpportunityColumns.js';
import './i18n.js';

/** What a saved view keeps of the table (the page reads it from here). */
export { tableColumns } from './tableColumns.js';

type Props = {
  pipelineId: string | undefined;
  filters: OpportunityFilters;
  sort: string;
  onSortChange: (s: string) => void;
  /** the URL's `cols` (comma-separated column keys; empty: the user's last choice or the defaults) */
  cols: string;
  onColumnsChange: (cols: string) => void;
};

/** The deals of one pipeline as a table: the columns the user chose (kept in the URL), sortable, exportable. */
export function OpportunityTable({ pipelineId, filters, sort, onSortChange, cols, onColumnsChange }: Props) {
  const { t } = useTranslation('opportunities');
  const me = useCurrentUser();
  const chosen = useMemo(() => tableColumns(me.id, cols), [me.id, cols]);
  const params: ListParams = { ...filters, pipelineId, sort };
  const list = useOpportunityList(params, 50, Boolean(pipelineId));
  const rows = useRecordRows(list);
  const baseCurrency = rows[0]?.baseCurrency ?? '';
  const columns = useOpportunityColumns(chosen, baseCurrency);

  return (
    <>
      <Group justify="space-between" mb="xs">
        <Text size="sm" c="dimmed">
          {list.isSuccess && `${rows.length}${list.hasNextPage ? '+' : ''}`}
        </Text>
        <Group gap="xs">
          <ColumnsMenu
            chosen={chosen}
            baseCurrency={baseCurrency}
            onToggle={(c) => {
              const next = toggleColumn(me.id, c);
              if (next) onColumnsChange(next);
            }}
          />
          <Button component="a" href={exportUrl(params)} variant="default" size="xs" leftSection={<IconDownload size={14} />}>
            {t('tableView.export')}
          </Button>
        </Group>
      </Group>
      <RecordTable
        label={t('title')}
        columns={columns}
        rows={rows}
        query={list}
        sort={sort}
        onSortChange={onSortChange}
        rowHref={(o) => `/opportunities/${o.id}`}
        empty={
          <ListEmpty icon={<IconTargetArrow size={28} />} title={t('tableView.empty')} description={t('tableView.emptyHint')} />
        }
        height="calc(100vh - 290px)"
      />
    </>
  );
}
