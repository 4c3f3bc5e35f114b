import { IconLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../app/auth/session.js';
import { ListEmpty } from '../../ui/ListEmpty.js';

export function AdminOnly({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  if (me.role !== 'admin') return <ListEmpty icon={<IconLock size={28} />} title={t('admin.onlyAdmins')} />;
  return children;
}
