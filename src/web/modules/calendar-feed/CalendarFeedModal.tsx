import { Alert, Button, CopyButton, Group, Loader, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconCopy, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CalendarFeed } from '../../../domain/calendar/calendar.schema.js';
import { api } from '../../app/api/client.js';
import { errorMessage, notifySuccess } from '../../app/notify.js';
import { CALENDAR_FEED_NS } from './i18n.js';

const FEED_KEY = ['calendar', 'feed'] as const;

/** The user's private ICS feed address: copy it, or revoke it by issuing a new one. */
export function CalendarFeedModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation(CALENDAR_FEED_NS);
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const feed = useQuery({ queryKey: FEED_KEY, queryFn: () => api.get<CalendarFeed>('/calendar/feed'), enabled: opened });
  const rotate = useMutation({
    mutationFn: () => api.post<CalendarFeed>('/calendar/feed/rotate'),
    onSuccess: (next) => {
      queryClient.setQueryData(FEED_KEY, next);
      notifySuccess(t('rotated'));
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={600}>{t('title')}</Text>} size="lg">
      <Stack>
        <Text size="sm">{t('intro')}</Text>
        {feed.isPending && <Loader size="sm" />}
        {feed.isError && <Alert color="red">{errorMessage(tc, feed.error)}</Alert>}
        {feed.data && (
          <Group align="end" gap="xs" wrap="nowrap">
            <TextInput
              label={t('url')}
              value={feed.data.url}
              readOnly
              style={{ flex: 1 }}
              onFocus={(e) => e.currentTarget.select()}
              data-testid="calendar-feed-url"
            />
            <CopyButton value={feed.data.url}>
              {({ copied, copy }) => (
                <Button variant="light" leftSection={<IconCopy size={14} />} onClick={copy} color={copied ? 'teal' : undefined}>
                  {copied ? t('copied') : t('copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
        )}
        <Text size="xs" c="dimmed">
          {t('howTo')}
        </Text>
        <Alert color="yellow" icon={<IconAlertTriangle size={16} />}>
          {t('secret')}
        </Alert>
        {rotate.isError && <Alert color="red">{errorMessage(tc, rotate.error)}</Alert>}
        <Group justify="end">
          <Button
            variant="default"
            leftSection={<IconRefresh size={14} />}
            loading={rotate.isPending}
            onClick={() => {
              if (window.confirm(t('rotateConfirm'))) rotate.mutate();
            }}
          >
            {t('rotate')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
