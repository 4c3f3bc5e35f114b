import { Button, Checkbox, Group, Paper, Skeleton, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTIFICATION_TYPES, type NotificationPreferences } from '../../../domain/notifications/notification.schema.js';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { usePreferences, useSavePreferences } from './api.js';
import './i18n.js';

/** Per-type choice of channels: in the bell and/or by email. */
export default function NotificationPreferencesPage() {
  const { t } = useTranslation('notifications');
  const prefs = usePreferences();
  const save = useSavePreferences();
  const [draft, setDraft] = useState<NotificationPreferences | null>(null);
  useEffect(() => {
    if (prefs.data) setDraft(prefs.data);
  }, [prefs.data]);

  const toggle = (type: (typeof NOTIFICATION_TYPES)[number], channel: 'inApp' | 'email', value: boolean) =>
    setDraft((d) => (d ? { ...d, [type]: { ...d[type], [channel]: value } } : d));

  return (
    <>
      <PageHeader title={t('prefs.title')} subtitle={t('prefs.subtitle')} />
      <Paper withBorder p="md" maw={640}>
        {!draft ? (
          <Skeleton height={200} />
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate(draft, { onSuccess: () => notifySuccess(t('prefs.saved')), onError: (err) => notifyError(t, err) });
            }}
          >
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('prefs.type')}</Table.Th>
                  <Table.Th ta="center">{t('prefs.inApp')}</Table.Th>
                  <Table.Th ta="center">{t('prefs.email')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {NOTIFICATION_TYPES.map((type) => (
                  <Table.Tr key={type}>
                    <Table.Td>{t(`types.${type}`)}</Table.Td>
                    <Table.Td>
                      <Group justify="center">
                        <Checkbox
                          aria-label={`${t(`types.${type}`)} — ${t('prefs.inApp')}`}
                          checked={draft[type].inApp}
                          onChange={(e) => toggle(type, 'inApp', e.currentTarget.checked)}
                        />
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Group justify="center">
                        <Checkbox
                          aria-label={`${t(`types.${type}`)} — ${t('prefs.email')}`}
                          checked={draft[type].email}
                          onChange={(e) => toggle(type, 'email', e.currentTarget.checked)}
                        />
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Text size="xs" c="dimmed" mt="sm">
              {t('prefs.emailHint')}
            </Text>
            <Group justify="flex-end" mt="md">
              <Button type="submit" loading={save.isPending}>
                {t('prefs.save')}
              </Button>
            </Group>
          </form>
        )}
      </Paper>
    </>
  );
}
