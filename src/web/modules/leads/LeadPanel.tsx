import { Alert, Button, Group, Paper, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, type RefObject, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Lead, leadUpdateInput } from '../../../domain/leads/lead.schema.js';
import { errorMessage, notifySuccess } from '../../app/notify.js';
import { ConflictModal } from '../../ui/ConflictModal.js';
import { changedKeys, type FormValues } from '../../ui/forms.js';
import { useRecordEditor } from '../../ui/useRecordEditor.js';
import { fetchLead, leadKeys, refreshLead, updateLead } from './api.js';
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
  const queryClient = useQueryClient();
  const formatValue = useLeadValueFormatter();
  const editor = useRecordEditor<Lead, V>({
    record: lead,
    toValues,
    toPatch,
    validate: (patch) => leadUpdateInput.safeParse(patch),
    save: (patch, version) => updateLead(lead.id, patch, version),
    fetchLatest: () => fetchLead(lead.id),
    onSaved: (saved) => {
      refreshLead(queryClient, saved);
      notifySuccess(t('common.saved'));
    },
  });
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
        {editor.formError != null && (
          <Alert color="red" role="alert" mb="sm">
            {errorMessage(t, editor.formError)}
          </Alert>
        )}
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
      <ConflictModal
        conflict={editor.conflict}
        mine={editor.currentValues}
        display={(field, value) => formatValue(field, value)}
        onReapply={() => {
          editor.reapply();
          void queryClient.invalidateQueries({ queryKey: leadKeys.detail(lead.id) });
          void queryClient.invalidateQueries({ queryKey: ['stream', 'leads', lead.id] });
          notifySuccess(t('conflict.reapplied'));
        }}
        onDiscard={() => {
          editor.discard();
          keepRef.current = false;
          void queryClient.invalidateQueries({ queryKey: leadKeys.detail(lead.id) });
        }}
      />
    </Paper>
  );
}
