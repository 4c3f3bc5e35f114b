import { NavLink, Stack, Text } from '@mantine/core';
import {
  IconAlertTriangle,
  IconBuilding,
  IconCalendarMonth,
  IconChartBar,
  IconChecklist,
  IconCoins,
  IconFileImport,
  IconForms,
  IconLayoutKanban,
  IconMailbox,
  IconMailCog,
  IconSunHigh,
  IconTarget,
  IconTimeline,
  IconUserShield,
  IconUsers,
  IconUsersGroup,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import '../../modules/activities/i18n.js';
import '../../modules/activity-plans/i18n.js';
import '../../modules/emails/i18n.js';
import '../../modules/forms/i18n.js';
import '../../modules/imports/i18n.js';
import '../../modules/mailboxes/i18n.js';
import '../../modules/leads/i18n/index.js';
import '../../modules/opportunities/i18n.js';
import '../../modules/opportunity-insights/i18n.js';
import { useCurrentUser } from '../auth/session.js';

export function MainNav({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  return (
    <Stack gap={4} component="nav" aria-label={t('nav.mainMenu')}>
      <Item to="/my-day" label={t('nav.myDay')} icon={<IconSunHigh size={18} />} onNavigate={onNavigate} />
      <Item to="/calendar" label={t('nav.calendar')} icon={<IconCalendarMonth size={18} />} onNavigate={onNavigate} />
      <Item to="/leads" label={t('nav.leads')} icon={<IconTarget size={18} />} onNavigate={onNavigate} />
      <Item to="/leads/import" label={t('imports:nav')} icon={<IconFileImport size={18} />} onNavigate={onNavigate} />
      <Item to="/opportunities" label={t('opportunities:nav')} icon={<IconLayoutKanban size={18} />} onNavigate={onNavigate} />
      <Item
        to="/opportunities/stalled"
        label={t('opportunityInsights:navStalled')}
        icon={<IconAlertTriangle size={18} />}
        onNavigate={onNavigate}
      />
      <Item
        to="/opportunities/win-loss"
        label={t('opportunityInsights:navWinLoss')}
        icon={<IconChartBar size={18} />}
        onNavigate={onNavigate}
      />
      <Item to="/accounts" label={t('nav.accounts')} icon={<IconBuilding size={18} />} onNavigate={onNavigate} />
      <Item to="/contacts" label={t('nav.contacts')} icon={<IconUsers size={18} />} onNavigate={onNavigate} />
      {user.role === 'admin' && (
        <>
          <Text size="xs" fw={600} c="dimmed" tt="uppercase" mt="lg" mb={4} px="sm">
            {t('nav.admin')}
          </Text>
          <Item to="/admin/users" label={t('nav.users')} icon={<IconUserShield size={18} />} onNavigate={onNavigate} />
          <Item to="/admin/teams" label={t('nav.teams')} icon={<IconUsersGroup size={18} />} onNavigate={onNavigate} />
          <Item to="/admin/forms" label={t('forms:nav')} icon={<IconForms size={18} />} onNavigate={onNavigate} />
          <Item to="/admin/mailboxes" label={t('mailboxes:nav')} icon={<IconMailbox size={18} />} onNavigate={onNavigate} />
          <Item
            to="/admin/pipelines"
            label={t('opportunities:navPipelines')}
            icon={<IconTimeline size={18} />}
            onNavigate={onNavigate}
          />
          <Item
            to="/admin/exchange-rates"
            label={t('opportunities:navRates')}
            icon={<IconCoins size={18} />}
            onNavigate={onNavigate}
          />
          <Item to="/admin/email-templates" label={t('emails:nav')} icon={<IconMailCog size={18} />} onNavigate={onNavigate} />
          <Item
            to="/admin/activity-plans"
            label={t('activityPlans:nav')}
            icon={<IconChecklist size={18} />}
            onNavigate={onNavigate}
          />
        </>
      )}
    </Stack>
  );
}

function Item({ to, label, icon, onNavigate }: { to: string; label: string; icon: ReactNode; onNavigate: () => void }) {
  const { pathname } = useLocation();
  const active = pathname === to || pathname.startsWith(`${to}/`);
  return (
    <NavLink
      component={Link}
      to={to}
      label={label}
      leftSection={icon}
      active={active}
      onClick={onNavigate}
      variant="light"
      style={{ borderRadius: 8 }}
    />
  );
}
