import { Alert, Button, Group, type MantineSpacing, Stack } from '@mantine/core';
import { type QueryKey, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, notifySuccess } from '../../app/notify.js';
import { ConflictModal } from '../ConflictModal.js';
import type { FormValues } from '../forms.js';
import { type StreamOwner, streamKey } from '../stream/api.js';
import type { ValueFormatter } from '../stream/StreamEntryView.js';
import type { useRecordEditor } from '../useRecordEditor.js';

/** What useRecordEditor returns (it does not depend on the record type). */
export type RecordEditor<V extends FormValues> = ReturnType<typeof useRecordEditor<{ version: number }, V>>;

/** Reloads a record and its Stream: after an edit conflict, the page shows the version now saved. */
export function useReloadRecord(detailKey: QueryKey, stream: StreamOwner) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: detailKey });
    void queryClient.invalidateQueries({ queryKey: streamKey(stream) });
  };
}

/** An error of the whole form (not of one field), e.g. a failed request. */
export function FormErrorAlert({ error, mb }: { error: unknown; mb?: MantineSpacing }) {
  const { t } = useTranslation();
  if (error == null) return null;
  return (
    <Alert color="red" role="alert" mb={mb}>
      {errorMessage(t, error)}
    </Alert>
  );
}

type ConflictProps<V extends FormValues> = {
  editor: RecordEditor<V>;
  formatValue: ValueFormatter;
  /** Called once the user chose (re-apply or discard), e.g. to reload the record. */
  onResolved: () => void;
  onDiscarded?: () => void;
};

/** The 412 dialog of a record editor: re-apply my changes over the version now saved, or take that version. */
export function EditorConflictModal<V extends FormValues>({ editor, formatValue, onResolved, onDiscarded }: ConflictProps<V>) {
  const { t } = useTranslation();
  return (
    <ConflictModal
      conflict={editor.conflict}
      mine={editor.currentValues}
      display={(field, value) => formatValue(field, value)}
      onReapply={() => {
        editor.reapply();
        onResolved();
        notifySuccess(t('conflict.reapplied'));
      }}
      onDiscard={() => {
        editor.discard();
        onResolved();
        onDiscarded?.();
      }}
    />
  );
}

type FormProps<V extends FormValues> = {
  /** The form's accessible name, e.g. "Edit account". */
  label: string;
  editor: RecordEditor<V>;
  formatValue: ValueFormatter;
  /** Cancel, and after "discard mine" in the conflict dialog. */
  onCancel: () => void;
  /** Reloads the record and its Stream after a conflict (see useReloadRecord). */
  reload: () => void;
  /** The entity's fields, bound to `editor.form`. */
  children: ReactNode;
};

/** A record edited in place against the version it was opened on: its fields, Cancel and Save; a 412 opens the conflict dialog. */
export function RecordEditForm<V extends FormValues>({ label, editor, formatValue, onCancel, reload, children }: FormProps<V>) {
  const { t } = useTranslation();
  return (
    <form
      noValidate
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        void editor.submit();
      }}
    >
      <Stack>
        <FormErrorAlert error={editor.formError} />
        {children}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={editor.saving}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
      <EditorConflictModal editor={editor} formatValue={formatValue} onResolved={reload} onDiscarded={onCancel} />
    </form>
  );
}
