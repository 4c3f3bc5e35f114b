import {
  ActionIcon,
  Alert,
  Button,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconRestore, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CONTACT_ROLES,
  FORECAST_CATEGORIES,
  type Opportunity,
  opportunityUpdateInput,
} from '../../../domain/opportunities/opportunity.schema.js';
import { errorMessage, notifySuccess } from '../../app/notify.js';
import { ConflictModal } from '../../ui/ConflictModal.js';
import { useRecordEditor } from '../../ui/useRecordEditor.js';
import { AccountPicker } from '../accounts/AccountPicker.js';
import { useUserName, useUserOptions } from '../users/api.js';
import { fetchOpportunity, updateOpportunity, useAccountContactOptions, usePipelines, useRefreshOpportunity } from './api.js';
import { CURRENCIES } from './money.js';
import { type OpportunityFormValues, opportunityPatch, opportunityToValues } from './opportunityForm.js';
import './i18n.js';

/** Edits a deal against the version it was opened on (PATCH + If-Match); a 412 opens the conflict dialog. */
export function OpportunityEditForm({ opportunity, onDone }: { opportunity: Opportunity; onDone: () => void }) {
  const { t } = useTranslation('opportunities');
  const { t: tc } = useTranslation();
  const refresh = useRefreshOpportunity();
  const pipelines = usePipelines();
  const users = useUserOptions();
  const userName = useUserName();
  const [accountName, setAccountName] = useState(opportunity.account?.name ?? null);
  const editor = useRecordEditor<Opportunity, OpportunityFormValues>({
    record: opportunity,
    toValues: opportunityToValues,
    toPatch: opportunityPatch,
    validate: (patch) => opportunityUpdateInput.safeParse(patch),
    save: (patch, version) => updateOpportunity(opportunity.id, patch, version),
    fetchLatest: () => fetchOpportunity(opportunity.id),
    onSaved: (saved) => {
      refresh(saved);
      notifySuccess(tc('common.saved'));
      onDone();
    },
  });
  const { form } = editor;
  const v = form.values;
  const contactOptions = useAccountContactOptions(v.accountId).data ?? [];
  const pipeline = pipelines.data?.find((p) => p.id === v.pipelineId);
  const stage = pipeline?.stages.find((s) => s.id === v.stageId);
  const closed = opportunity.status !== 'open';
  const stageOptions = (pipeline?.stages ?? [])
    .filter((s) => s.kind === 'open' || s.id === v.stageId)
    .map((s) => ({ value: s.id, label: `${s.name} (${s.probability} %)` }));
  const contactLinks = v.contacts.map((s) => {
    const [contactId = '', role = 'other'] = s.split('|');
    return { contactId, role };
  });
  const setLinks = (links: Array<{ contactId: string; role: string }>) =>
    form.setFieldValue(
      'contacts',
      links.map((l) => `${l.contactId}|${l.role}`),
    );

  const display = (field: string, value: unknown): string => {
    const text = Array.isArray(value) ? value.join(', ') : String(value ?? '');
    if (field === 'ownerId') return userName(text) ?? text;
    if (field === 'stageId') return pipeline?.stages.find((s) => s.id === text)?.name ?? text;
    if (field === 'forecastCategory' && text) return t(`forecast.${text}`);
    return text;
  };

  return (
    <form
      noValidate
      aria-label={t('detail.editTitle')}
      onSubmit={(e) => {
        e.preventDefault();
        void editor.submit();
      }}
    >
      <Stack>
        {editor.formError != null && (
          <Alert color="red" role="alert">
            {errorMessage(tc, editor.formError)}
          </Alert>
        )}
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
            data={(pipelines.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            allowDeselect={false}
            disabled={closed}
            value={v.pipelineId}
            onChange={(id) => {
              const next = pipelines.data?.find((p) => p.id === id);
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
          <Stack gap={4}>
            <NumberInput
              label={t('fields.probability')}
              min={0}
              max={100}
              suffix=" %"
              allowDecimal={false}
              placeholder={stage ? `${stage.probability} % (${t('detail.probabilityDefault')})` : undefined}
              value={v.probability === '' ? '' : Number(v.probability)}
              onChange={(n) => form.setFieldValue('probability', n === '' ? '' : String(n))}
              error={form.errors.probability}
            />
            {v.probability !== '' && (
              <Button
                variant="subtle"
                size="compact-xs"
                leftSection={<IconRestore size={12} />}
                onClick={() => form.setFieldValue('probability', '')}
                style={{ alignSelf: 'flex-start' }}
              >
                {t('detail.resetProbability')}
                {stage ? ` (${stage.probability} %)` : ''}
              </Button>
            )}
          </Stack>
          <TextInput type="date" label={t('fields.expectedCloseDate')} {...form.getInputProps('expectedCloseDate')} />
          <Select
            label={t('fields.forecastCategory')}
            data={FORECAST_CATEGORIES.map((c) => ({ value: c, label: t(`forecast.${c}`) }))}
            allowDeselect={false}
            {...form.getInputProps('forecastCategory')}
          />
          <Select label={t('fields.owner')} data={users} searchable allowDeselect={false} {...form.getInputProps('ownerId')} />
        </SimpleGrid>
        <Stack gap="xs">
          <Text size="sm" fw={500}>
            {t('fields.contacts')}
          </Text>
          {contactLinks.map((link, i) => (
            <Group key={link.contactId || i} gap="xs" wrap="nowrap">
              <Select
                aria-label={t('detail.pickContact')}
                data={withCurrent(
                  contactOptions.filter((o) => o.value === link.contactId || !contactLinks.some((l) => l.contactId === o.value)),
                  link.contactId,
                  opportunity.contacts.find((c) => c.contactId === link.contactId)?.name,
                )}
                value={link.contactId || null}
                searchable
                onChange={(id) => setLinks(contactLinks.map((l, j) => (j === i ? { ...l, contactId: id ?? '' } : l)))}
                style={{ flex: 1 }}
              />
              <Select
                aria-label={t('detail.role')}
                data={CONTACT_ROLES.map((r) => ({ value: r, label: t(`contactRole.${r}`) }))}
                value={link.role}
                allowDeselect={false}
                onChange={(role) => setLinks(contactLinks.map((l, j) => (j === i ? { ...l, role: role ?? 'other' } : l)))}
                w={190}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('detail.removeContact')}
                onClick={() => setLinks(contactLinks.filter((_, j) => j !== i))}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          {form.errors.contacts && (
            <Text size="xs" c="red">
              {form.errors.contacts}
            </Text>
          )}
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconPlus size={14} />}
            style={{ alignSelf: 'flex-start' }}
            disabled={!v.accountId}
            onClick={() => setLinks([...contactLinks.filter((l) => l.contactId), { contactId: '', role: 'influencer' }])}
          >
            {t('detail.addContact')}
          </Button>
        </Stack>
        <TextInput label={t('fields.nextStep')} {...form.getInputProps('nextStep')} />
        <Textarea label={t('fields.description')} autosize minRows={3} {...form.getInputProps('description')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {tc('common.cancel')}
          </Button>
          <Button type="submit" loading={editor.saving}>
            {tc('common.save')}
          </Button>
        </Group>
      </Stack>
      <ConflictModal
        conflict={editor.conflict}
        mine={editor.currentValues}
        display={display}
        onReapply={() => {
          editor.reapply();
          notifySuccess(tc('conflict.reapplied'));
        }}
        onDiscard={() => {
          editor.discard();
          onDone();
        }}
      />
    </form>
  );
}

function withCurrent(options: Array<{ value: string; label: string }>, id: string, name: string | null | undefined) {
  if (!id || options.some((o) => o.value === id)) return options;
  return [{ value: id, label: name ?? id.slice(0, 8) }, ...options];
}
