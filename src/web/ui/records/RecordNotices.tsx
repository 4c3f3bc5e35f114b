import { Alert } from '@mantine/core';
import { IconInfoCircle, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** Under a record's header: it is in the trash; the user may only read. */
export function RecordNotices({
  deleted,
  deletedNotice,
  canEdit,
}: {
  deleted: boolean;
  deletedNotice: string;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      {deleted && (
        <Alert color="red" variant="light" mb="md" icon={<IconTrash size={16} />}>
          {deletedNotice}
        </Alert>
      )}
      {!canEdit && (
        <Alert color="gray" variant="light" mb="md" icon={<IconInfoCircle size={16} />}>
          {t('common.readOnly')}
        </Alert>
      )}
    </>
  );
}
