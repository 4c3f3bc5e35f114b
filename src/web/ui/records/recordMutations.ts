import type { TFunction } from 'i18next';
import { notifyError, notifySuccess } from '../../app/notify.js';

/** A TanStack mutation that takes a record's id (delete, restore); `R` is what it resolves to. */
export type IdMutation<R = unknown> = {
  mutate: (id: string, options: { onSuccess: (result: R) => void; onError: (error: unknown) => void }) => void;
  isPending: boolean;
};

/** Brings a record back from the trash and says so, or why not. */
export function restoreRecord<R>(t: TFunction, restore: IdMutation<R>, id: string, onRestored?: (record: R) => void) {
  restore.mutate(id, {
    onSuccess: (saved) => {
      onRestored?.(saved);
      notifySuccess(t('common.restored'));
    },
    onError: (e) => notifyError(t, e),
  });
}
