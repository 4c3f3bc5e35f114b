import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AccountType } from '../../../domain/accounts/account.schema.js';

const TYPE_COLORS: Record<AccountType, string> = {
  prospect: 'blue',
  customer: 'teal',
  partner: 'grape',
  supplier: 'orange',
  other: 'gray',
};

export function AccountTypeBadge({ type }: { type: AccountType }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={TYPE_COLORS[type]} radius="sm">
      {t(`accountType.${type}`)}
    </Badge>
  );
}
