import { AppShell, Burger, Group, Text, ThemeIcon } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconTrendingUp } from '@tabler/icons-react';
import { Suspense } from 'react';
import { Link, Outlet } from 'react-router';
import { NotificationBell } from '../../modules/notifications/NotificationBell.js';
import { MainNav } from './MainNav.js';
import { PageLoader } from './PageLoader.js';
import { UserMenu } from './UserMenu.js';

export function AppLayout() {
  const [navOpen, { toggle, close }] = useDisclosure(false);
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !navOpen } }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <Burger opened={navOpen} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Menu" />
            <Link to="/accounts" style={{ textDecoration: 'none', color: 'inherit' }}>
              <Group gap={8}>
                <ThemeIcon size="md" radius="md" variant="gradient" gradient={{ from: 'indigo', to: 'cyan' }}>
                  <IconTrendingUp size={18} />
                </ThemeIcon>
                <Text fw={700} size="lg">
                  Stride
                </Text>
              </Group>
            </Link>
          </Group>
          <Group gap="sm">
            <NotificationBell />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm">
        <MainNav onNavigate={close} />
      </AppShell.Navbar>
      <AppShell.Main bg="var(--mantine-color-gray-0)">
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
