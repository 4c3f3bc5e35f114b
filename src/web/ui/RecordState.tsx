import { Button, Skeleton, Stack } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../app/notify.js';
import { ListEmpty } from './ListEmpty.js';

/** What a detail page shows while its record loads, or when it cannot be loaded. */
export function RecordLoading() {
  return (
    <Stack>
      <Skeleton height={34} width="40%" />
      <Skeleton height={16} width="25%" />
      <Skeleton height={260} mt="md" />
    </Stack>
  );
}

export function RecordError({ error, backTo, backLabel }: { error: unknown; backTo: string; backLabel: string }) {
  const { t } = useTranslation();
  return (
    <ListEmpty
      icon={<IconAlertCircle size={28} />}
      title={errorMessage(t, error)}
      action={
        <Button component={Link} to={backTo} variant="default">
          {backLabel}
        </Button>
      }
    />
  );
}
