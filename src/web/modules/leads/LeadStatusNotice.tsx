import { Alert, Anchor, Divider, Group, Text } from '@mantine/core';
import { IconCircleCheck, IconRecycle, IconSkull } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Lead } from '../../../domain/leads/lead.schema.js';
import { useFormat } from '../../app/i18n/format.js';
import { useAccount } from '../accounts/api.js';
import { useContact } from '../contacts/api.js';

/** Why the lead is closed or parked, and where a converted lead went. */
export function LeadStatusNotice({ lead: l }: { lead: Lead }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (l.status === 'converted') return <ConvertedNotice lead={l} />;
  if (l.status === 'dead')
    return (
      <Alert color="gray" variant="light" mb="md" icon={<IconSkull size={16} />} title={t('leads.notice.dead')}>
        {l.statusReason}
      </Alert>
    );
  if (l.status === 'recycled')
    return (
      <Alert
        color="orange"
        variant="light"
        mb="md"
        icon={<IconRecycle size={16} />}
        title={t('leads.notice.recycled', { date: fmt.date(l.recontactOn) })}
      >
        {l.statusReason}
      </Alert>
    );
  return null;
}

function ConvertedNotice({ lead: l }: { lead: Lead }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const account = useAccount(l.convertedAccountId ?? '');
  const contact = useContact(l.convertedContactId ?? '');
  return (
    <Alert
      color="teal"
      variant="light"
      mb="md"
      icon={<IconCircleCheck size={18} />}
      title={t('leads.notice.converted', { date: fmt.dateTime(l.convertedAt) })}
      data-testid="converted-notice"
    >
      <Group gap="lg">
        {l.convertedAccountId && (
          <Group gap={6}>
            <Text size="sm">{t('leads.convert.account')}:</Text>
            <Anchor component={Link} to={`/accounts/${l.convertedAccountId}`} size="sm" fw={600}>
              {account.data?.name ?? t('common.loading')}
            </Anchor>
          </Group>
        )}
        {l.convertedAccountId && l.convertedContactId && <Divider orientation="vertical" />}
        {l.convertedContactId && (
          <Group gap={6}>
            <Text size="sm">{t('leads.convert.contact')}:</Text>
            <Anchor component={Link} to={`/contacts/${l.convertedContactId}`} size="sm" fw={600}>
              {contact.data?.name ?? t('common.loading')}
            </Anchor>
          </Group>
        )}
      </Group>
      <Text size="xs" c="dimmed" mt={6}>
        {t('leads.notice.convertedReadOnly')}
      </Text>
    </Alert>
  );
}
