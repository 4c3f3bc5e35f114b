import { Button } from '@mantine/core';
import { IconArrowMerge } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DuplicateCandidate } from '../../../domain/duplicates/duplicate.schema.js';
import { DuplicatesBanner } from '../merge/DuplicateCandidates.js';

type Props = {
  candidates: DuplicateCandidate[];
  hint: string;
  canMerge: boolean;
  /** The merge dialog for one candidate (merged into the record on screen). */
  mergeModal: (sourceId: string, onClose: () => void) => ReactNode;
};

/** "1 possible duplicate" on a record page: the other records like this one, each with Merge. */
export function DuplicatesWithMerge({ candidates, hint, canMerge, mergeModal }: Props) {
  const { t } = useTranslation();
  const [mergeWith, setMergeWith] = useState<string | null>(null);
  return (
    <>
      <DuplicatesBanner
        candidates={candidates}
        hint={hint}
        action={(c) =>
          canMerge && (
            <Button
              size="compact-sm"
              variant="light"
              leftSection={<IconArrowMerge size={14} />}
              onClick={() => setMergeWith(c.id)}
              aria-label={`${t('merge:action')} ${c.name}`}
            >
              {t('merge:action')}
            </Button>
          )
        }
      />
      {mergeWith && mergeModal(mergeWith, () => setMergeWith(null))}
    </>
  );
}
