import { useForm } from '@mantine/form';
import { useState } from 'react';
import { isApiError } from '../app/api/client.js';
import { changedKeys, detailsToErrors, type FormValues, issuesToErrors } from './forms.js';

type Versioned = { version: number };

export type Conflict<V extends FormValues> = {
  /** Form values of the version now saved on the server. */
  latest: V;
  latestVersion: number;
  /** Fields someone else changed since this form was opened. */
  theirFields: Array<keyof V & string>;
  /** Fields this user changed in the form. */
  myFields: Array<keyof V & string>;
};

type Options<R extends Versioned, V extends FormValues> = {
  record: R;
  toValues: (record: R) => V;
  /** Builds the PATCH body from the changed fields (all values are given for fields that travel together). */
  toPatch: (changed: Array<keyof V & string>, values: V) => Record<string, unknown>;
  validate: (
    patch: Record<string, unknown>,
  ) => { success: true } | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } };
  save: (patch: Record<string, unknown>, version: number) => Promise<R>;
  fetchLatest: () => Promise<R>;
  onSaved: (record: R) => void;
  fieldAliases?: Record<string, string>;
};

/**
 * Editing with optimistic concurrency: PATCH carries the version the form was opened on; a 412 keeps the
 * user's edits and offers to re-apply them over the latest version. Nothing is silently overwritten.
 */
export function useRecordEditor<R extends Versioned, V extends FormValues>(opts: Options<R, V>) {
  const [base, setBase] = useState(() => ({ values: opts.toValues(opts.record), version: opts.record.version }));
  const [conflict, setConflict] = useState<Conflict<V> | null>(null);
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<unknown>(null);
  const form = useForm<V>({ mode: 'controlled', initialValues: base.values });

  const submit = async () => {
    setFormError(null);
    const values = form.getValues();
    const changed = changedKeys(base.values, values);
    if (changed.length === 0) return opts.onSaved(opts.record);
    const patch = opts.toPatch(changed, values);
    const check = opts.validate(patch);
    if (!check.success) return form.setErrors(issuesToErrors(check.error.issues, opts.fieldAliases));
    setSaving(true);
    try {
      opts.onSaved(await opts.save(patch, base.version));
    } catch (error) {
      if (isApiError(error, 'precondition_failed')) {
        const latest = await opts.fetchLatest();
        const latestValues = opts.toValues(latest);
        setConflict({
          latest: latestValues,
          latestVersion: latest.version,
          theirFields: changedKeys(base.values, latestValues),
          myFields: changed,
        });
      } else if (isApiError(error, 'validation_failed') && error.details.length) {
        form.setErrors(detailsToErrors(error.details, opts.fieldAliases));
      } else {
        setFormError(error);
      }
    } finally {
      setSaving(false);
    }
  };

  /** Latest version as the new base, the user's changed fields on top; the next save sends the new version. */
  const reapply = () => {
    if (!conflict) return;
    const mine = form.getValues();
    const merged = { ...conflict.latest };
    for (const k of conflict.myFields) merged[k] = mine[k];
    setBase({ values: conflict.latest, version: conflict.latestVersion });
    form.setValues(merged);
    setConflict(null);
  };

  const discard = () => {
    if (!conflict) return;
    setBase({ values: conflict.latest, version: conflict.latestVersion });
    form.setValues(conflict.latest);
    form.resetDirty(conflict.latest);
    setConflict(null);
  };

  return {
    form,
    submit,
    saving,
    conflict,
    reapply,
    discard,
    formError,
    baseVersion: base.version,
    currentValues: form.getValues(),
  };
}
