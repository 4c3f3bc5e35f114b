import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCalendarShare, IconCheck, IconChevronDown, IconLanguage, IconLogout } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { LOCALES, type Locale } from '../../../domain/users/user.schema.js';
import { CalendarFeedModal } from '../../modules/calendar-feed/CalendarFeedModal.js';
import { CALENDAR_FEED_NS } from '../../modules/calendar-feed/i18n.js';
import { api } from '../api/client.js';
import { ME_KEY, type Me, rememberSession, useCurrentUser, useSignOut } from '../auth/session.js';
import { notifyError } from '../notify.js';

export function UserMenu() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [feedOpen, setFeedOpen] = useState(false);
  const changeLocale = useMutation({
    mutationFn: (locale: Locale) => api.patch<Me>('/auth/me', { locale }),
    onSuccess: (me) => {
      rememberSession(me);
      queryClient.setQueryData(ME_KEY, me);
      notifications.show({ message: t('userMenu.languageChanged'), color: 'teal' });
    },
    onError: (error) => notifyError(t, error),
  });

  return (
    <Menu position="bottom-end" width={220} shadow="md">
      {/* a portal: rendered outside the menu, stays open when the menu closes */}
      <CalendarFeedModal opened={feedOpen} onClose={() => setFeedOpen(false)} />
      <Menu.Target>
        <UnstyledButton aria-label={t('userMenu.open')} data-testid="user-menu">
          <Group gap={8}>
            <Avatar name={user.name} color="initials" size={32} radius="xl" />
            <div style={{ lineHeight: 1.1 }}>
              <Text size="sm" fw={600}>
                {user.name}
              </Text>
              <Text size="xs" c="dimmed">
                {t(`role.${user.role}`)}
              </Text>
            </div>
            <IconChevronDown size={14} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Group gap={6}>
            <IconLanguage size={14} /> {t('userMenu.language')}
          </Group>
        </Menu.Label>
        {LOCALES.map((locale) => (
          <Menu.Item
            key={locale}
            onClick={() => changeLocale.mutate(locale)}
            rightSection={user.locale === locale ? <IconCheck size={14} /> : null}
            lang={locale}
          >
            {t(`languages.${locale}`)}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item
          leftSection={<IconCalendarShare size={14} />}
          onClick={() => setFeedOpen(true)}
          data-testid="calendar-feed-menu"
        >
          {t('menuItem', { ns: CALENDAR_FEED_NS })}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item
          leftSection={<IconLogout size={14} />}
          color="red"
          onClick={async () => {
            await signOut();
            navigate('/login');
          }}
        >
          {t('userMenu.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
