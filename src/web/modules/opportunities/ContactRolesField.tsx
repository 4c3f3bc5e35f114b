import { ActionIcon, Button, Group, Select, Stack, Text } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { CONTACT_ROLES, type Opportunity } from '../../../domain/opportunities/opportunity.schema.js';
import type { FormOf } from '../../ui/forms.js';
import type { OpportunityFormValues } from './opportunityForm.js';
import './i18n.js';

type Option = { value: string; label: string };
type Link = { contactId: string; role: string };

/** The current value first when the options (one page of the account's contacts) do not hold it. */
export function withCurrent(options: Option[], id: string, name: string | null | undefined): Option[] {
  if (!id || options.some((o) => o.value === id)) return options;
  return [{ value: id, label: name ?? id.slice(0, 8) }, ...options];
}

type Props = { form: FormOf<OpportunityFormValues>; options: Option[]; opportunity: Opportunity };

/** The deal's contacts, each with a role; the form keeps them as "contactId|role" strings. */
export function ContactRolesField({ form, options, opportunity }: Props) {
  const { t } = useTranslation('opportunities');
  const links: Link[] = form.values.contacts.map((s) => {
    const [contactId = '', role = 'other'] = s.split('|');
    return { contactId, role };
  });
  const setLinks = (next: Link[]) =>
    form.setFieldValue(
      'contacts',
      next.map((l) => `${l.contactId}|${l.role}`),
    );
  const change = (i: number, patch: Partial<Link>) => setLinks(links.map((l, j) => (j === i ? { ...l, ...patch } : l)));

  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>
        {t('fields.contacts')}
      </Text>
      {links.map((link, i) => (
        <Group key={link.contactId || i} gap="xs" wrap="nowrap">
          <Select
            aria-label={t('detail.pickContact')}
            data={withCurrent(
              options.filter((o) => o.value === link.contactId || !links.some((l) => l.contactId === o.value)),
              link.contactId,
              opportunity.contacts.find((c) => c.contactId === link.contactId)?.name,
            )}
            value={link.contactId || null}
            searchable
            onChange={(id) => change(i, { contactId: id ?? '' })}
            style={{ flex: 1 }}
          />
          <Select
            aria-label={t('detail.role')}
            data={CONTACT_ROLES.map((r) => ({ value: r, label: t(`contactRole.${r}`) }))}
            value={link.role}
            allowDeselect={false}
            onChange={(role) => change(i, { role: role ?? 'other' })}
            w={190}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={t('detail.removeContact')}
            onClick={() => setLinks(links.filter((_, j) => j !== i))}
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
        disabled={!form.values.accountId}
        onClick={() => setLinks([...links.filter((l) => l.contactId), { contactId: '', role: 'influencer' }])}
      >
        {t('detail.addContact')}
      </Button>
    </Stack>
  );
}
