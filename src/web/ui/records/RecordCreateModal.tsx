import { Button, Group, Modal, type ModalProps, Stack } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type Props = {
  opened: boolean;
  onClose: () => void;
  title: string;
  /** From useCreateRecordForm. */
  onSubmit: (event?: FormEvent<HTMLFormElement>) => void;
  saving: boolean;
  /** The create button's text; "Create" unless given. */
  submitLabel?: string;
  /** The dialog's width; `xl` unless given. */
  size?: ModalProps['size'];
  /** The form's accessible name; none unless given. */
  formLabel?: string;
  /** The entity's fields, and what goes under them (possible duplicates). */
  children: ReactNode;
};

/** A "New …" dialog: the fields, Cancel and Create. */
export function RecordCreateModal({
  opened,
  onClose,
  title,
  onSubmit,
  saving,
  submitLabel,
  size = 'xl',
  formLabel,
  children,
}: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={title} size={size}>
      <form onSubmit={onSubmit} noValidate aria-label={formLabel}>
        <Stack>
          {children}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={saving}>
              {submitLabel ?? t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
