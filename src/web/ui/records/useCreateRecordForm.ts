import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api/client.js';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { detailsToErrors, type FormValues, issuesToErrors } from '../forms.js';

/** A schema check (`schema.safeParse(payload)`): the issues show next to their fields. */
export type SchemaCheck =
  | { success: true }
  | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } };

type Options<V extends FormValues, P, R> = {
  initialValues: V;
  /** The API body built from the form's values. */
  toPayload: (values: V) => P;
  validate: (payload: P) => SchemaCheck;
  create: (payload: P) => Promise<R>;
  /** API error paths → form fields (see formFieldOf). */
  fieldAliases?: Record<string, string>;
  createdMessage: string;
  onCreated: (record: R) => void;
};

/**
 * A create form: checked with the entity's schema before sending, the server's field errors shown next to the fields,
 * any other failure as a notification.
 */
export function useCreateRecordForm<V extends FormValues, P, R>(opts: Options<V, P, R>) {
  const { t } = useTranslation();
  const form = useForm<V>({ mode: 'controlled', initialValues: opts.initialValues });
  const submit = form.onSubmit(async (values) => {
    const payload = opts.toPayload(values);
    const check = opts.validate(payload);
    if (!check.success) return form.setErrors(issuesToErrors(check.error.issues, opts.fieldAliases));
    try {
      const record = await opts.create(payload);
      notifySuccess(opts.createdMessage);
      form.reset();
      opts.onCreated(record);
    } catch (error) {
      if (isApiError(error, 'validation_failed') && error.details.length)
        form.setErrors(detailsToErrors(error.details, opts.fieldAliases));
      else notifyError(t, error);
    }
  });
  return { form, submit };
}
