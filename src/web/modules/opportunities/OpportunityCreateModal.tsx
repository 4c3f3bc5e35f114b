import { Select, SimpleGrid, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Opportunity, opportunityCreateInput } from '../../../domain/opportunities/opportunity.schema.js';
import { useCurrentUser } from '../../app/auth/session.js';
import { RecordCreateModal } from '../../ui/records/RecordCreateModal.js';
import { useCreateRecordForm } from '../../ui/records/useCreateRecordForm.js';
import { AccountPicker } from '../accounts/AccountPicker.js';
import { useUserOptions } from '../users/api.js';
import { useBaseCurrency, useCreateOpportunity, usePipelines } from './api.js';
import { CURRENCIES } from './money.js';
import { type OpportunityCreateValues, opportunityCreatePayload } from './opportunityForm.js';
import './i18n.js';

type Props = {
  onClose: () => void;
  onCreated: (o: Opportunity) => void;
  defaults?: { accountId?: string; accountName?: string; pipelineId?: string };
};

/** A new deal from the board, the table or an account page; it starts in the pipeline's first open stage. */
export function OpportunityCreateModal({ onClose, onCreated, defaults }: Props) {
  const { t } = useTranslation('opportunities');
  const { t: tc } = useTranslation();
  const me = useCurrentUser();
  const pipelines = usePipelines();
  const base = useBaseCurrency();
  const users = useUserOptions({ activeOnly: true });
  const create = useCreateOpportunity();
  const defaultPipeline = defaults?.pipelineId ?? pipelines.data?.find((p) => p.isDefault)?.id ?? '';
  const { form, submit } = useCreateRecordForm({
    initialValues: {
      name: '',
      accountId: defaults?.accountId ?? '',
      pipelineId: defaultPipeline,
      amount: '',
      currency: base.data ?? 'CZK',
      expectedCloseDate: '',
      ownerId: me.id,
    },
    toPayload: (v: OpportunityCreateValues) => opportunityCreatePayload(v, defaultPipeline),
    validate: (payload) => opportunityCreateInput.safeParse(payload),
    create: create.mutateAsync,
    createdMessage: tc('common.created'),
    onCreated,
  });

  return (
    <RecordCreateModal
      opened
      onClose={onClose}
      title={t('create.title')}
      formLabel={t('create.title')}
      size="lg"
      submitLabel={t('create.submit')}
      onSubmit={submit}
      saving={create.isPending}
    >
      <TextInput label={t('fields.name')} required data-autofocus {...form.getInputProps('name')} />
      <AccountPicker
        label={t('fields.account')}
        required
        value={form.values.accountId}
        currentName={defaults?.accountName}
        onChange={(id) => form.setFieldValue('accountId', id)}
        error={form.errors.accountId}
      />
      <SimpleGrid cols={2}>
        <TextInput label={t('fields.amount')} required inputMode="decimal" {...form.getInputProps('amount')} />
        <Select
          label={t('fields.currency')}
          data={Array.from(new Set([base.data ?? 'CZK', ...CURRENCIES]))}
          searchable
          allowDeselect={false}
          {...form.getInputProps('currency')}
        />
        <Select
          label={t('fields.pipeline')}
          data={(pipelines.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          allowDeselect={false}
          value={form.values.pipelineId || defaultPipeline || null}
          onChange={(v) => form.setFieldValue('pipelineId', v ?? '')}
        />
        <TextInput type="date" label={t('fields.expectedCloseDate')} {...form.getInputProps('expectedCloseDate')} />
        <Select label={t('fields.owner')} data={users} searchable allowDeselect={false} {...form.getInputProps('ownerId')} />
      </SimpleGrid>
    </RecordCreateModal>
  );
}
