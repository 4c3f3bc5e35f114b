import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Switch,
  Text,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { notifications as toasts } from '@mantine/notifications';
import { IconBell, IconCheck, IconChecks, IconMailExclamation, IconSettings } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Notification } from '../../../domain/notifications/notification.schema.js';
import { useFormat } from '../../app/i18n/format.js';
import { notifyError } from '../../app/notify.js';
import { useMarkAllRead, useMarkRead, useNotificationList, useUnreadCount } from './api.js';
import './i18n.js';

/** The bell in the header: unread count (live), a dropdown of recent notifications, mark read, open the record. */
export function NotificationBell() {
  const { t } = useTranslation('notifications');
  const [opened, setOpened] = useState(false);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const navigate = useNavigate();
  const onNotification = useCallback(
    (n: Notification) => {
      toasts.show({ title: t(`types.${n.type}`), message: n.title, color: 'indigo', autoClose: 6000 });
    },
    [t],
  );
  const count = useUnreadCount(onNotification);
  const list = useNotificationList(unreadOnly, opened);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const items = list.data?.pages.flatMap((p) => p.data) ?? [];

  const open = (n: Notification) => {
    if (!n.readAt) markRead.mutate(n.id, { onError: (e) => notifyError(t, e) });
    if (n.link) {
      setOpened(false);
      navigate(n.link);
    }
  };

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={380} shadow="md" withinPortal>
      <Popover.Target>
        <Indicator label={count > 99 ? '99+' : count} size={16} disabled={count === 0} color="red" offset={4}>
          <ActionIcon
            variant="subtle"
            size="lg"
            aria-label={`${t('bell')} (${t('unread', { count })})`}
            onClick={() => setOpened((o) => !o)}
            data-testid="notification-bell"
          >
            <IconBell size={20} />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p={0}>
        <Group justify="space-between" px="sm" py={8} style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
          <Text fw={600} size="sm">
            {t('bell')}
          </Text>
          <Group gap={6}>
            <Switch
              size="xs"
              label={t('showUnread')}
              checked={unreadOnly}
              onChange={(e) => setUnreadOnly(e.currentTarget.checked)}
            />
            <Tooltip label={t('markAllRead')}>
              <ActionIcon
                variant="subtle"
                size="sm"
                aria-label={t('markAllRead')}
                disabled={count === 0}
                loading={markAll.isPending}
                onClick={() => markAll.mutate(undefined, { onError: (e) => notifyError(t, e) })}
              >
                <IconChecks size={16} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label={t('preferences')}>
              <ActionIcon
                component={Link}
                to="/settings/notifications"
                variant="subtle"
                size="sm"
                aria-label={t('preferences')}
                onClick={() => setOpened(false)}
              >
                <IconSettings size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>
        <ScrollArea.Autosize mah={420}>
          {items.length === 0 ? (
            <Text size="sm" c="dimmed" ta="center" py="lg">
              {list.isPending ? '…' : t('empty')}
            </Text>
          ) : (
            <Stack gap={0}>
              {items.map((n) => (
                <NotificationRow key={n.id} n={n} onOpen={() => open(n)} onRead={() => markRead.mutate(n.id)} />
              ))}
              {list.hasNextPage && (
                <Button variant="subtle" size="xs" m="xs" loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
                  {t('loadMore')}
                </Button>
              )}
            </Stack>
          )}
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}

function NotificationRow({ n, onOpen, onRead }: { n: Notification; onOpen: () => void; onRead: () => void }) {
  const { t } = useTranslation('notifications');
  const fmt = useFormat();
  return (
    <Group
      wrap="nowrap"
      align="flex-start"
      gap="xs"
      px="sm"
      py={8}
      bg={n.readAt ? undefined : 'var(--mantine-color-indigo-0)'}
      style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
      data-testid="notification-item"
    >
      <UnstyledButton onClick={onOpen} style={{ flex: 1, minWidth: 0 }}>
        <Group gap={6} wrap="nowrap">
          <Badge size="xs" variant="light">
            {t(`types.${n.type}`)}
          </Badge>
          <Text size="xs" c="dimmed" ml="auto">
            {fmt.relative(n.createdAt)}
          </Text>
        </Group>
        <Text size="sm" fw={n.readAt ? 400 : 600} mt={2}>
          {n.link ? (
            <Anchor component="span" size="sm" inherit>
              {n.title}
            </Anchor>
          ) : (
            n.title
          )}
        </Text>
        {n.body && (
          <Text size="xs" c="dimmed" lineClamp={2}>
            {n.body}
          </Text>
        )}
        {n.email?.status === 'failed' && (
          <Group gap={4} mt={2}>
            <IconMailExclamation size={12} color="var(--mantine-color-red-6)" />
            <Text size="xs" c="red">
              {t('emailFailed', { error: n.email.error ?? '' })}
            </Text>
          </Group>
        )}
      </UnstyledButton>
      {!n.readAt && (
        <Tooltip label={t('markRead')}>
          <ActionIcon variant="subtle" size="sm" aria-label={t('markRead')} onClick={onRead}>
            <IconCheck size={14} />
          </ActionIcon>
        </Tooltip>
      )}
    </Group>
  );
}
