import { Checkbox, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { IconTargetArrow } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBaseCurrency, usePipelines } from './api.js';
import { CURRENCIES } from './money.js';
import './i18n.js';

export type ConvertOpportunityDraft = {
  name: string;
  amount: string;
  currency: string;
  closeDate?: string | null;
  pipelineId?: string;
};

/**
 * The optional opportunity of a lead conversion: name (the lead's company by default), amount + currency, close
 * date, pipeline. Reports `null` while unticked.
 */
export function ConvertOpportunitySection({
  defaultName,
  onChange,
}: {
  defaultName: string;
  onChange: (draft: ConvertOpportunityDraft | null) => void;
}) {
  const { t } = useTranslation('opportunities');
  const pipelines = usePipelines();
  const base = useBaseCurrency();
  const [enabled, setEnabled] = useState(false);
  const [name, setName] = useState(defaultName);
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState<string | null>(null);
  const [closeDate, setCloseDate] = useState('');
  const [pipelineId, setPipelineId] = useState<string | null>(null);
  const cur = currency ?? base.data ?? 'CZK';

  useEffect(() => {
    onChange(
      enabled
        ? {
            name: name.trim(),
            amount: amount.replace(/\s/g, '').replace(',', '.'),
            currency: cur,
            closeDate: closeDate || null,
            pipelineId: pipelineId ?? undefined,
          }
        : null,
    );
  }, [enabled, name, amount, cur, closeDate, pipelineId, onChange]);

  return (
    <Stack gap="xs">
      <Checkbox
        label={
          <Group gap={6}>
            <IconTargetArrow size={16} />
            {t('convert.section')}
          </Group>
        }
        checked={enabled}
        onChange={(e) => setEnabled(e.currentTarget.checked)}
      />
      {enabled && (
        <SimpleGrid cols={2} pl="xl">
          <TextInput label={t('convert.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <Select
            label={t('convert.pipeline')}
            data={(pipelines.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            value={pipelineId ?? pipelines.data?.find((p) => p.isDefault)?.id ?? null}
            onChange={setPipelineId}
            allowDeselect={false}
          />
          <TextInput
            label={t('convert.amount')}
            required
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.currentTarget.value)}
          />
          <Select
            label={t('convert.currency')}
            data={Array.from(new Set([cur, ...CURRENCIES]))}
            value={cur}
            onChange={setCurrency}
            allowDeselect={false}
            searchable
          />
          <TextInput
            type="date"
            label={t('convert.closeDate')}
            value={closeDate}
            onChange={(e) => setCloseDate(e.currentTarget.value)}
          />
        </SimpleGrid>
      )}
    </Stack>
  );
}
