import { Alert, Button, Collapse, Group, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconArrowMerge, IconChevronDown, IconChevronUp, IconCopy } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lead } from '../../../domain/leads/lead.schema.js';
import { useLeadDuplicates } from './api.js';
import { DuplicateList } from './DuplicateList.js';
import { LeadMergeModal } from './LeadMergeModal.js';

/** "2 possible duplicates": the candidates with reasons and confidence; lead candidates can be merged into this one. */
export function DuplicatesBanner({ lead, canMerge }: { lead: Lead; canMerge: boolean }) {
  const { t } = useTranslation();
  const duplicates = useLeadDuplicates(lead.id, lead.deletedAt === null);
  const [open, { toggle }] = useDisclosure(false);
  const [mergeWith, setMergeWith] = useState<string | null>(null);
  const candidates = duplicates.data ?? [];
  if (candidates.length === 0) return null;
  return (
    <>
      <Alert color="orange" variant="light" mb="md" icon={<IconCopy size={18} />} data-testid="duplicates-banner">
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm" fw={600}>
            {t('leads.count.duplicates', { count: candidates.length })}
          </Text>
          <Button
            size="compact-sm"
            variant="subtle"
            color="orange"
            onClick={toggle}
            rightSection={open ? <IconChevronUp size={14} /> : <IconChevronDown size={14} />}
          >
            {open ? t('leads.duplicates.hide') : t('leads.duplicates.show')}
          </Button>
        </Group>
        <Collapse expanded={open}>
          <Text size="xs" c="dimmed" mt={4} mb="sm">
            {t('leads.duplicates.hint')}
          </Text>
          <DuplicateList
            candidates={candidates}
            action={(c) =>
              canMerge &&
              c.type === 'lead' && (
                <Button
                  size="compact-sm"
                  variant="light"
                  leftSection={<IconArrowMerge size={14} />}
                  onClick={() => setMergeWith(c.id)}
                  aria-label={`${t('leads.merge.action')} ${c.name}`}
                >
                  {t('leads.merge.action')}
                </Button>
              )
            }
          />
        </Collapse>
      </Alert>
      {mergeWith && <LeadMergeModal target={lead} sourceId={mergeWith} onClose={() => setMergeWith(null)} />}
    </>
  );
}
