import { Select, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FORECAST_CATEGORIES, type Opportunity } from '../../../domain/opportunities/opportunity.schema.js';
import type { Pipeline } from '../../../domain/pipelines/pipeline.schema.js';
import type { FormOf } from '../../ui/forms.js';
import { AccountPicker } from '../accounts/AccountPicker.js';
import { useUserOptions } from '../users/api.js';
import { useAccountContactOptions } from './api.js';
import { ContactRolesField, withCurrent } from './ContactRolesField.js';
import { CURRENCIES } from './money.js';
import type { OpportunityFormValues } from './opportunityForm.js';
import { ProbabilityField } from './ProbabilityField.js';
import './i18n.js';

type Props = { form: FormOf<OpportunityFormValues>; opportunity: Opportunity; pipelines: Pipeline[] };

/** The edit form's fields; a closed deal keeps its pipeline and stage (reopen it to move it). */
export function OpportunityEditFields({ form, opportunity, pipelines }: Props) {
  const { t } = useTranslation('opportunities');
  const users = useUserOptions();
  const [accountName, setAccountName] = useState(opportunity.account?.name ?? null);
  const v = form.values;
  const contactOptions = useAccountContactOptions(v.accountId).data ?? [];
  const pipeline = pipelines.find((p) => p.id === v.pipelineId);
  const stage = pipeline?.stages.find((s) => s.id === v.stageId);
  const closed = opportunity.status !== 'open';
  const stageOptions = (pipeline?.stages ?? [])
    .filter((s) => s.kind === 'open' || s.id === v.stageId)
    .map((s) => ({ value: s.id, label: `${s.name} (${s.probability} %)` }));

  return (
    <>
      <TextInput label={t('fields.name')} required {...form.getInputProps('name')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <AccountPicker
          label={t('fields.account')}
          required
          value={v.accountId}
          currentName={accountName}
          onChange={(id) => {
            setAccountName(null);
            form.setFieldValue('accountId', id);
            form.setFieldValue('primaryContactId', '');
            form.setFieldValue('contacts', []);
          }}
          error={form.errors.accountId}
        />
        <Select
          label={t('fields.primaryContact')}
          data={withCurrent(contactOptions, v.primaryContactId, opportunity.primaryContact?.name)}
          clearable
          searchable
          value={v.primaryContactId || null}
          onChange={(id) => form.setFieldValue('primaryContactId', id ?? '')}
          error={form.errors.primaryContactId}
        />
        <Select
          label={t('fields.pipeline')}
          data={pipelines.map((p) => ({ value: p.id, label: p.name }))}
          allowDeselect={false}
          disabled={closed}
          value={v.pipelineId}
          onChange={(id) => {
            const next = pipelines.find((p) => p.id === id);
            form.setFieldValue('pipelineId', id ?? v.pipelineId);
            form.setFieldValue('stageId', next?.stages.find((s) => s.kind === 'open')?.id ?? '');
          }}
        />
        <Select
          label={t('fields.stage')}
          data={stageOptions}
          allowDeselect={false}
          disabled={closed}
          {...form.getInputProps('stageId')}
        />
        <TextInput label={t('fields.amount')} required inputMode="decimal" {...form.getInputProps('amount')} />
        <Select
          label={t('fields.currency')}
          data={Array.from(new Set([v.currency, ...CURRENCIES]))}
          searchable
          allowDeselect={false}
          {...form.getInputProps('currency')}
        />
        <ProbabilityField form={form} stage={stage} />
        <TextInput type="date" label={t('fields.expectedCloseDate')} {...form.getInputProps('expectedCloseDate')} />
        <Select
          label={t('fields.forecastCategory')}
          data={FORECAST_CATEGORIES.map((c) => ({ value: c, label: t(`forecast.${c}`) }))}
          allowDeselect={false}
          {...form.getInputProps('forecastCategory')}
        />
        <Select label={t('fields.owner')} data={users} searchable allowDeselect={false} {...form.getInputProps('ownerId')} />
      </SimpleGrid>
      <ContactRolesField form={form} options={contactOptions} opportunity={opportunity} />
      <TextInput label={t('fields.nextStep')} {...form.getInputProps('nextStep')} />
      <Textarea label={t('fields.description')} autosize minRows={3} {...form.getInputProps('description')} />
    </>
  );
}
