import { Avatar, Group, Select, Text } from '@mantine/core';
import { IconUser } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lead } from '../../../domain/leads/lead.schema.js';
import { isApiError } from '../../app/api/client.js';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { useUserOptions } from '../users/api.js';
import { leadKeys, refreshLead, updateLead } from './api.js';
import { notifyStale } from './notifyStale.js';

/** Reassigns the lead: PATCH ownerId against the version on screen; a stale version reloads instead of overwriting. */
export function LeadOwnerPicker({ lead, readOnly }: { lead: Lead; readOnly: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const users = useUserOptions({ activeOnly: true });
  const [saving, setSaving] = useState(false);
  if (readOnly) {
    return (
      <Group gap={6} wrap="nowrap">
        <Avatar name={lead.owner?.name ?? '?'} color="initials" size={22} radius="xl" />
        <Text size="sm">{lead.owner?.name ?? t('leads.unassigned')}</Text>
      </Group>
    );
  }
  const options =
    lead.ownerId && lead.owner && !users.some((u) => u.value === lead.ownerId)
      ? [{ value: lead.ownerId, label: lead.owner.name }, ...users]
      : users;
  return (
    <Select
      aria-label={t('leads.reassign')}
      size="xs"
      w={210}
      data={options}
      value={lead.ownerId}
      placeholder={t('leads.unassigned')}
      searchable
      disabled={saving}
      leftSection={lead.owner ? <Avatar name={lead.owner.name} color="initials" size={18} radius="xl" /> : <IconUser size={14} />}
      nothingFoundMessage="—"
      allowDeselect={false}
      onChange={async (ownerId) => {
        if (!ownerId || ownerId === lead.ownerId) return;
        setSaving(true);
        try {
          const saved = await updateLead(lead.id, { ownerId }, lead.version);
          refreshLead(queryClient, saved);
          notifySuccess(t('leads.reassigned', { name: saved.owner?.name ?? '' }));
        } catch (error) {
          if (isApiError(error, 'precondition_failed')) {
            notifyStale(t);
            void queryClient.invalidateQueries({ queryKey: leadKeys.detail(lead.id) });
          } else notifyError(t, error);
        } finally {
          setSaving(false);
        }
      }}
    />
  );
}
