import { Button, Group, Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { type Opportunity, opportunityCreateInput } from '../../../domain/opportunities/opportunity.schema.js';
import { isApiError } from '../../app/api/client.js';
import { useCurrentUser } from '../../app/auth/session.js';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { detailsToErrors, issuesToErrors } from '../../ui/forms.js';
import { AccountPicker } from '../accounts/AccountPicker.js';
import { useUserOptions } from '../users/api.js';
import { useBaseCurrency, useCreateOpportunity, usePipelines } from './api.js';
import { CURRENCIES } from './money.js';
import './i18n.js';

type Values = {
  name: string;
  accountId: string;
  pipelineId: string;
  amount: string;
  currency: string;
  expectedCloseDate: string;
  ownerId: string;
};

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
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      name: '',
      accountId: defaults?.accountId ?? '',
      pipelineId: defaultPipeline,
      amount: '',
      currency: base.data ?? 'CZK',
      expectedCloseDate: '',
      ownerId: me.id,
    },
  });

  const submit = form.onSubmit(async (v) => {
    const payload = {
      name: v.name,
      accountId: v.accountId,
      pipelineId: v.pipelineId || defaultPipeline || undefined,
      amount: v.amount.replace(',', '.').replace(/\s/g, ''),
      currency: v.currency,
      expectedCloseDate: v.expectedCloseDate || null,
      ownerId: v.ownerId || undefined,
    };
    const check = opportunityCreateInput.safeParse(payload);
    if (!check.success) return form.setErrors(issuesToErrors(check.error.issues));
    try {
      const created = await create.mutateAsync(payload);
      notifySuccess(tc('common.created'));
      onCreated(created);
    } catch (error) {
      if (isApiError(error, 'validation_failed') && error.details.length) form.setErrors(detailsToErrors(error.details));
      else notifyError(tc, error);
    }
  });

  return (
    <Modal opened onClose={onClose} title={t('create.title')} size="lg">
      <form onSubmit={submit} noValidate aria-label={t('create.title')}>
        <Stack>
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
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {tc('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('create.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
