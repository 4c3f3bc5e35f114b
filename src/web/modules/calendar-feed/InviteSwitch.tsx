import { Switch } from '@mantine/core';
import type { ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CALENDAR_FEED_NS } from './i18n.js';

/** The meeting form's "Invite external participants by email" switch (sends iCalendar invitations). */
export function InviteSwitch(props: {
  checked?: boolean;
  onChange?: (e: ChangeEvent<HTMLInputElement>) => void;
  error?: unknown;
}) {
  const { t } = useTranslation(CALENDAR_FEED_NS);
  return (
    <Switch
      label={t('invite')}
      description={t('inviteHint')}
      checked={props.checked ?? false}
      onChange={props.onChange}
      data-testid="activity-send-invitations"
    />
  );
}
