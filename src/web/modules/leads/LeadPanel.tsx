import { Button, Group, Paper, Title } from '@mantine/core';
import { type ReactNode, type RefObject, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lead } from '../../../domain/leads/lead.schema.js';
import { changedKeys, type FormValues } from '../../ui/forms.js';
import { EditorConflictModal, FormErrorAlert, useReloadRecord } from '../../ui/records/RecordEditForm.js';
import type { useRecordEditor } from '../../ui/useRecordEditor.js';
import { leadKeys } from './api.js';
import { useLeadEditor } from './useLeadEditor.js';
import { useLeadValueFormatter } from './useLeadValueFormatter.js';

export type PanelEditor<V extends FormValues> = ReturnType<typeof useRecordEditor<Lead, V>>;

type Props<V extends FormValues> = {
  lead: Lead;
  title: ReactNode;
  label: string;
  readOnly: boolean;
  toValues: (lead: Lead) => V;
  toPatch: (changed: Array<keyof V & string>, values: V) => Record<string, unknown>;
  children: (editor: PanelEditor<V>) => ReactNode;
  extra?: ReactNode;
};

/**
 * A part of the lead saved on its own (BANT, score factors) with PATCH + If-Match. When the lead changes underneath
 * (a status move, someone else's save) the panel reloads — unless the user has unsaved edits there; then the next
 * save meets the 412 and the shared conflict dialog, so nothing is overwritten silently.
 */
export function LeadPanel<V extends FormValues>(props: Props<V>) {
  const [mountedVersion, setMountedVersion] = useState(props.lead.version);
  const keepRef = useRef(false);
  useEffect(() => {
    if (props.lead.version !== mountedVersion && !keepRef.current) setMountedVersion(props.lead.version);
  }, [props.lead.version, mountedVersion]);
  return <PanelEditorView key={mountedVersion} {...props} keepRef={keepRef} />;
}

function PanelEditorView<V extends FormValues>({
  lead,
  title,
  label,
  readOnly,
  toValues,
  toPatch,
  children,
  extra,
  keepRef,
}: Props<V> & { keepRef: RefObject<boolean> }) {
  const { t } = useTranslation();
  const formatValue = useLeadValueFormatter();
  const reload = useReloadRecord(leadKeys.detail(lead.id), { resource: 'leads', id: lead.id });
  const editor = useLeadEditor(lead, toValues, toPatch);
  const dirty = editor.form.isDirty();
  // Unsaved edits that differ from what the server now has are kept across a reload of the lead.
  keepRef.current = dirty && changedKeys(toValues(lead), editor.currentValues).length > 0;

  return (
    <Paper withBorder p="md" shadow="xs" component="section" aria-label={label}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (dirty) void editor.submit();
        }}
      >
        <Group justify="space-between" mb="sm" wrap="nowrap">
          <Title order={4}>{title}</Title>
          {extra}
        </Group>
        <FormErrorAlert error={editor.formError} mb="sm" />
        {children(editor)}
        {!readOnly && (
          <Group justify="flex-end" mt="md" gap="xs">
            {dirty && (
              <Button variant="default" size="xs" onClick={() => editor.form.reset()}>
                {t('common.cancel')}
              </Button>
            )}
            <Button type="submit" size="xs" loading={editor.saving} disabled={!dirty}>
              {t('common.save')}
            </Button>
          </Group>
        )}
      </form>
      <EditorConflictModal
        editor={editor}
        formatValue={formatValue}
        onResolved={reload}
        onDiscarded={() => {
          keepRef.current = false;
        }}
      />
    </Paper>
  );
}
