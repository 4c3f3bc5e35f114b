import { Badge, Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { INBOX_VIEWS, type InboxView, type LeadFilters, useLeadCount } from './api.js';

type Filters = Omit<LeadFilters, 'sort' | 'view'>;

/** The inbox views (My leads, Unassigned, …), each with how many leads it holds under the current filters. */
export function LeadInboxTabs({
  view,
  onChange,
  filters,
}: {
  view: InboxView;
  onChange: (view: string | null) => void;
  filters: Filters;
}) {
  const { t } = useTranslation();
  return (
    <Tabs value={view} onChange={onChange} variant="pills" radius="md">
      <Tabs.List aria-label={t('leads.viewsLabel')}>
        {INBOX_VIEWS.map((v) => (
          <ViewTab key={v} view={v} filters={filters} />
        ))}
      </Tabs.List>
    </Tabs>
  );
}

function ViewTab({ view, filters }: { view: InboxView; filters: Filters }) {
  const { t } = useTranslation();
  const count = useLeadCount({ ...filters, view });
  const alert = view === 'sla_breached' && (count.data ?? 0) > 0;
  return (
    <Tabs.Tab
      value={view}
      rightSection={
        <Badge size="sm" variant={alert ? 'filled' : 'light'} color={alert ? 'red' : 'gray'} circle={false} miw={24}>
          {count.data ?? '·'}
        </Badge>
      }
    >
      {t(`leads.views.${view}`)}
    </Tabs.Tab>
  );
}
