import { Alert, Badge, Button, Chip, Divider, Group, Modal, Radio, Stack, Text } from '@mantine/core';
import { IconBuilding, IconTransform, IconUser } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Lead } from '../../../domain/leads/lead.schema.js';
import { isApiError } from '../../app/api/client.js';
import { errorMessage, notifySuccess } from '../../app/notify.js';
import { AccountPicker } from '../accounts/AccountPicker.js';
import { type ConvertOpportunityDraft, ConvertOpportunitySection } from '../opportunities/ConvertOpportunitySection.js';
import { type ConvertTarget, convertLead, leadKeys, useLeadDuplicates } from './api.js';

type Choice = 'create' | 'existing';

/**
 * Lead → account + contact. Defaults create both from the lead; an existing account or contact (typically one the
 * duplicate check found) can be used instead; optionally an opportunity is created with them.
 */
export function LeadConvertModal({ lead, onClose }: { lead: Lead; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const duplicates = useLeadDuplicates(lead.id);
  const accounts = (duplicates.data ?? []).filter((c) => c.type === 'account');
  const contacts = (duplicates.data ?? []).filter((c) => c.type === 'contact');
  const [accountChoice, setAccountChoice] = useState<Choice>('create');
  const [accountId, setAccountId] = useState('');
  const [accountName, setAccountName] = useState<string | null>(null);
  const [contactChoice, setContactChoice] = useState<Choice>('create');
  const [contactId, setContactId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [opportunity, setOpportunity] = useState<ConvertOpportunityDraft | null>(null);

  const ready = (accountChoice === 'create' || accountId) && (contactChoice === 'create' || contactId);

  const submit = async () => {
    if (!ready) return;
    setSaving(true);
    setError(null);
    const account: ConvertTarget = accountChoice === 'create' ? { create: true } : { id: accountId };
    const contact: ConvertTarget = contactChoice === 'create' ? { create: true } : { id: contactId };
    try {
      const result = await convertLead(lead, account, contact, opportunity ?? undefined);
      queryClient.setQueryData(leadKeys.detail(lead.id), result.lead);
      void queryClient.invalidateQueries({ queryKey: leadKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['accounts'] });
      void queryClient.invalidateQueries({ queryKey: ['contacts'] });
      notifySuccess(t('leads.convert.done', { name: lead.name }));
      onClose();
      if (result.opportunityId) void queryClient.invalidateQueries({ queryKey: ['opportunities'] });
      navigate(
        result.opportunityId
          ? `/opportunities/${result.opportunityId}`
          : result.contactId
            ? `/contacts/${result.contactId}`
            : `/accounts/${result.accountId}`,
      );
    } catch (e) {
      if (isApiError(e, 'precondition_failed')) {
        setError(t('leads.staleLead'));
        void queryClient.invalidateQueries({ queryKey: leadKeys.detail(lead.id) });
      } else setError(errorMessage(t, e));
      setSaving(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>{t('leads.convert.title', { name: lead.name })}</Text>} size="lg">
      <Stack>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Radio.Group
          label={
            <Group gap={6}>
              <IconBuilding size={16} />
              {t('leads.convert.account')}
            </Group>
          }
          value={accountChoice}
          onChange={(v) => setAccountChoice(v as Choice)}
        >
          <Stack gap="xs" mt="xs">
            <Radio value="create" label={t('leads.convert.newAccount', { name: lead.company || lead.name })} />
            <Radio value="existing" label={t('leads.convert.existingAccount')} />
          </Stack>
        </Radio.Group>
        {accountChoice === 'existing' && (
          <Stack gap="xs" pl="xl">
            {accounts.length > 0 && (
              <Group gap="xs">
                <Text size="xs" c="dimmed">
                  {t('leads.convert.suggested')}
                </Text>
                {accounts.map((a) => (
                  <Chip
                    key={a.id}
                    size="xs"
                    checked={accountId === a.id}
                    onChange={() => {
                      setAccountId(a.id);
                      setAccountName(a.name);
                    }}
                  >
                    {a.name}{' '}
                    <Badge size="xs" variant="transparent">
                      {a.confidence} %
                    </Badge>
                  </Chip>
                ))}
              </Group>
            )}
            <AccountPicker
              aria-label={t('leads.convert.pickAccount')}
              placeholder={t('leads.convert.pickAccount')}
              value={accountId}
              currentName={accountName}
              onChange={(id) => {
                setAccountId(id);
                setAccountName(null);
              }}
            />
          </Stack>
        )}
        <Divider />
        <Radio.Group
          label={
            <Group gap={6}>
              <IconUser size={16} />
              {t('leads.convert.contact')}
            </Group>
          }
          value={contactChoice}
          onChange={(v) => setContactChoice(v as Choice)}
        >
          <Stack gap="xs" mt="xs">
            <Radio value="create" label={t('leads.convert.newContact', { name: lead.name })} />
            <Radio
              value="existing"
              label={t('leads.convert.existingContact')}
              description={contacts.length === 0 ? t('leads.convert.noContactDuplicates') : undefined}
              disabled={contacts.length === 0}
            />
          </Stack>
        </Radio.Group>
        {contactChoice === 'existing' && (
          <Radio.Group value={contactId} onChange={setContactId} pl="xl" aria-label={t('leads.convert.existingContact')}>
            <Stack gap="xs">
              {contacts.map((c) => (
                <Radio
                  key={c.id}
                  value={c.id}
                  label={`${c.name} (${c.confidence} %)`}
                  description={c.reasons.map((r) => t(`leads.duplicates.reason.${r.reason}`)).join(', ')}
                />
              ))}
            </Stack>
          </Radio.Group>
        )}
        <Divider />
        <ConvertOpportunitySection defaultName={lead.company || lead.name} onChange={setOpportunity} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color="teal"
            leftSection={<IconTransform size={16} />}
            onClick={() => void submit()}
            loading={saving}
            disabled={!ready}
          >
            {t('leads.convert.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
