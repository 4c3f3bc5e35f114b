import type { useForm } from '@mantine/form';
import type { ApiErrorDetail } from '../app/api/client.js';

/** Flat form values: every input edits one string (or list of strings) — the API shape is built from them. */
export type FormValues = Record<string, string | string[] | boolean>;

type Issue = { path: PropertyKey[]; message: string };

/**
 * Maps an API/schema field path ("billingAddress.city", "emails.1") to the form field showing it.
 * `aliases` covers nested objects flattened in the form, e.g. { 'billingAddress.city': 'city' }.
 */
export function formFieldOf(path: string, aliases: Record<string, string> = {}): string {
  if (aliases[path]) return aliases[path];
  const withoutIndex = path.replace(/\.\d+$/, '');
  return aliases[withoutIndex] ?? withoutIndex;
}

export function issuesToErrors(issues: Issue[], aliases?: Record<string, string>): Record<string, string> {
  return detailsToErrors(
    issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message })),
    aliases,
  );
}

export function detailsToErrors(details: ApiErrorDetail[], aliases?: Record<string, string>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const d of details) {
    const field = formFieldOf(d.field, aliases);
    errors[field] = errors[field] ? `${errors[field]}; ${d.message}` : d.message;
  }
  return errors;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? '') === JSON.stringify(b ?? '');
}

/** The keys whose value differs between two sets of form values. */
export function changedKeys<V extends FormValues>(before: V, after: V): Array<keyof V & string> {
  return (Object.keys(after) as Array<keyof V & string>).filter((k) => !sameValue(before[k], after[k]));
}

/** Optional text for the API: empty input means "clear the field". */
export function textOrNull(value: string | undefined): string | null {
  const trimmed = (value ?? '').trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * Mantine's `UseFormReturnType` is not reachable under NodeNext resolution (its index re-exports './types'
 * without an extension), so derive it from `useForm` itself.
 */
export type FormOf<V extends Record<string, unknown>> = ReturnType<typeof useForm<V>>;
