import { Button } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { ConfirmModal } from '../ConfirmModal.js';
import type { IdMutation } from './recordMutations.js';

type Props = {
  recordId: string;
  remove: IdMutation;
  confirmTitle: string;
  confirmMessage: string;
  /** Where to go once deleted: the list. */
  listPath: string;
  onDeleted?: () => void;
  /** A red trash icon instead of the labelled button. */
  iconOnly?: boolean;
};

/** Delete, after "Delete …?"; then back to the list (the record stays in the trash). */
export function DeleteRecordButton({ recordId, remove, confirmTitle, confirmMessage, listPath, onDeleted, iconOnly }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [confirming, { open, close }] = useDisclosure(false);
  return (
    <>
      {iconOnly ? (
        <Button variant="subtle" color="red" px="xs" onClick={open} aria-label={t('common.delete')}>
          <IconTrash size={18} />
        </Button>
      ) : (
        <Button variant="default" color="red" leftSection={<IconTrash size={16} />} onClick={open}>
          {t('common.delete')}
        </Button>
      )}
      <ConfirmModal
        opened={confirming}
        onClose={close}
        title={confirmTitle}
        message={confirmMessage}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        onConfirm={() =>
          remove.mutate(recordId, {
            onSuccess: () => {
              close();
              notifySuccess(t('common.deleted'));
              onDeleted?.();
              navigate(listPath);
            },
            onError: (e) => notifyError(t, e),
          })
        }
      />
    </>
  );
}
