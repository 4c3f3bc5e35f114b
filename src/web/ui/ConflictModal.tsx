import { Alert, Badge, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { FormValues } from './forms.js';
import type { Conflict } from './useRecordEditor.js';

type Props<V extends FormValues> = {
  conflict: Conflict<V> | null;
  mine: V;
  display: (field: string, value: V[keyof V]) => string;
  onReapply: () => void;
  onDiscard: () => void;
};

export function ConflictModal<V extends FormValues>({ conflict, mine, display, onReapply, onDiscard }: Props<V>) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={conflict !== null}
      onClose={onReapply}
      title={
        <Group gap="xs">
          <IconAlertTriangle size={20} color="var(--mantine-color-orange-6)" />
          <Text fw={600}>{t('conflict.title')}</Text>
        </Group>
      }
      size="lg"
      closeOnClickOutside={false}
    >
      {conflict && (
        <Stack>
          <Text size="sm">{t('conflict.message')}</Text>
          {conflict.theirFields.length === 0 ? (
            <Alert color="gray">{t('conflict.noFieldDiffers')}</Alert>
          ) : (
            <Table withTableBorder aria-label={t('conflict.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('conflict.field')}</Table.Th>
                  <Table.Th>{t('conflict.theirs')}</Table.Th>
                  <Table.Th>{t('conflict.yours')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {conflict.theirFields.map((field) => {
                  const both = conflict.myFields.includes(field);
                  return (
                    <Table.Tr key={field} data-testid={`conflict-field-${field}`}>
                      <Table.Td fw={500}>
                        {t(`fields.${field}`)}
                        {both && (
                          <Badge ml="xs" size="xs" color="orange" title={t('conflict.bothChanged')}>
                            !
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>{display(field, conflict.latest[field]) || t('common.noValue')}</Table.Td>
                      <Table.Td c={both ? undefined : 'dimmed'}>
                        {both ? display(field, mine[field]) || t('common.noValue') : t('common.noValue')}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onDiscard}>
              {t('conflict.discard')}
            </Button>
            <Button onClick={onReapply}>{t('conflict.reapply')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
