import { Button, Group, Select, Switch, TextInput } from '@mantine/core';
import { IconSearch, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { FORECAST_CATEGORIES } from '../../../domain/opportunities/opportunity.schema.js';
import { useTeams, useUserOptions } from '../users/api.js';
import '../opportunity-insights/workflows.i18n.js';
import { FILTER_KEYS, type OpportunityParams } from './useOpportunityFilters.js';
import './i18n.js';

/** Owner, team, close-date range, forecast category, stalled only and text — all in the URL, the same on board and table. */
export function OpportunityFilterBar({
  params,
  update,
}: {
  params: OpportunityParams;
  /** several parameters in one navigation (see useOpportunityFilters) */
  update: (changes: Record<string, string | null>) => void;
}) {
  const { t } = useTranslation('opportunities');
  const { t: tw } = useTranslation('opportunityWorkflows');
  const users = useUserOptions();
  const teams = useTeams();
  const teamOptions = (teams.data?.data ?? []).map((team) => ({ value: team.id, label: team.name }));
  const hasFilters = [...FILTER_KEYS, 'q'].some((k) => params.get(k));
  return (
    <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
      <TextInput
        aria-label={t('filters.search')}
        placeholder={t('filters.search')}
        leftSection={<IconSearch size={16} />}
        value={params.search}
        onChange={(e) => params.setSearch(e.currentTarget.value)}
        w={220}
      />
      <Select
        aria-label={t('filters.owner')}
        placeholder={t('filters.owner')}
        data={users}
        value={params.get('ownerId') || null}
        onChange={(v) => params.set('ownerId', v)}
        searchable
        clearable
        w={190}
      />
      <Select
        aria-label={t('filters.team')}
        placeholder={t('filters.team')}
        data={teamOptions}
        value={params.get('teamId') || null}
        onChange={(v) => params.set('teamId', v)}
        clearable
        w={160}
      />
      <Select
        aria-label={t('filters.forecast')}
        placeholder={t('filters.forecast')}
        data={FORECAST_CATEGORIES.map((c) => ({ value: c, label: t(`forecast.${c}`) }))}
        value={params.get('forecastCategory') || null}
        onChange={(v) => params.set('forecastCategory', v)}
        clearable
        w={170}
      />
      <TextInput
        type="date"
        label={t('filters.closeFrom')}
        size="xs"
        value={params.get('closeFrom')}
        onChange={(e) => params.set('closeFrom', e.currentTarget.value)}
        w={140}
      />
      <TextInput
        type="date"
        label={t('filters.closeTo')}
        size="xs"
        value={params.get('closeTo')}
        onChange={(e) => params.set('closeTo', e.currentTarget.value)}
        w={140}
      />
      <Switch
        label={tw('stalledFilter')}
        checked={params.get('stalled') === 'true'}
        onChange={(e) => params.set('stalled', e.currentTarget.checked ? 'true' : null)}
        mb={6}
      />
      {hasFilters && (
        <Button
          variant="subtle"
          leftSection={<IconX size={14} />}
          onClick={() => {
            params.setSearch('');
            update(Object.fromEntries([...FILTER_KEYS, 'q'].map((k) => [k, null])));
          }}
        >
          {t('filters.clear')}
        </Button>
      )}
    </Group>
  );
}
