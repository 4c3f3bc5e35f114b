import { useTranslation } from 'react-i18next';
import type { Account } from '../../../domain/accounts/account.schema.js';
import { type DuplicateProbe, probeValue, useDuplicateCandidates, useLiveDuplicates } from '../../ui/merge/api.js';
import { DuplicatesWithMerge } from '../../ui/records/DuplicatesWithMerge.js';
import { AccountMergeModal } from './AccountMergeModal.js';

/** By name, IČO, email and phone of the account. */
export function accountProbe(a: Pick<Account, 'name' | 'registrationNumber' | 'email' | 'phone'>): DuplicateProbe {
  return {
    company: a.name || undefined,
    registrationNumber: a.registrationNumber ?? undefined,
    email: a.email ?? undefined,
    phone: a.phone ?? undefined,
  };
}

/** "1 possible duplicate": other accounts like this one, each with Merge. */
export function AccountDuplicates({ account, canMerge }: { account: Account; canMerge: boolean }) {
  const { t } = useTranslation();
  const { candidates } = useDuplicateCandidates([accountProbe(account)], {
    type: 'account',
    exclude: account.id,
    enabled: account.deletedAt === null,
  });
  if (account.deletedAt !== null) return null;
  return (
    <DuplicatesWithMerge
      candidates={candidates}
      hint={t('merge:duplicates.hintAccount')}
      canMerge={canMerge}
      mergeModal={(sourceId, onClose) => <AccountMergeModal account={account} sourceId={sourceId} onClose={onClose} />}
    />
  );
}

/** Live "possible duplicates" for the account create form: name, IČO, email and phone as typed. */
export function useLiveAccountDuplicates(v: { name: string; registrationNumber: string; email: string; phone: string }) {
  return useLiveDuplicates([
    {
      company: probeValue('text', v.name, 3),
      registrationNumber: probeValue('registrationNumber', v.registrationNumber),
      email: probeValue('email', v.email),
      phone: probeValue('phone', v.phone),
    },
  ]);
}
