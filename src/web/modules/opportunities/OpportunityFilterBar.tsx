import { Button, Group, Select, TextInput } from '@mantine/core';
import { IconSearch, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { FORECAST_CATEGORIES } from '../../../domain/opportunities/opportunity.schema.js';
import { useTeams, useUserOptions } from '../users/api.js';
import type { useOpportunityFilters } from './useOpportunityFilters.js';
import './i18n.js';

/** Owner, team, close-date range, forecast category and text — all in the URL. */
export function OpportunityFilterBar({ params }: { params: ReturnType<typeof useOpportunityFilters>['params'] }) {
  const { t } = useTranslation('opportunities');
  const users = useUserOptions();
  const teams = useTeams();
  const teamOptions = (teams.data?.data ?? []).map((team) => ({ value: team.id, label: team.name }));
  const hasFilters = ['ownerId', 'teamId', 'closeFrom', 'closeTo', 'forecastCategory', 'q'].some((k) => params.get(k));
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
      {hasFilters && (
        <Button
          variant="subtle"
          leftSection={<IconX size={14} />}
          onClick={() => {
            params.setSearch('');
            for (const k of ['ownerId', 'teamId', 'closeFrom', 'closeTo', 'forecastCategory', 'q']) params.set(k, null);
          }}
        >
          {t('filters.clear')}
        </Button>
      )}
    </Group>
  );
}
