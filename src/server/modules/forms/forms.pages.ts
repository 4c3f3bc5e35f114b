import { DEFAULT_THANK_YOU, FORM_LANGUAGES, type FormLanguage } from '../../../domain/forms/form.schema.js';
import type { ErrorDetail } from '../../platform/errors.js';

/** Small HTML answers for classic (no-JavaScript) form posts. */

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The visitor's language from Accept-Language, among the ones Stride speaks (English otherwise). */
export function preferredLanguage(acceptLanguage: string | undefined): FormLanguage {
  for (const part of (acceptLanguage ?? '').split(',')) {
    const code = part.trim().slice(0, 2).toLowerCase();
    if ((FORM_LANGUAGES as readonly string[]).includes(code)) return code as FormLanguage;
  }
  return 'en';
}

const TEXTS: Record<FormLanguage, { thanks: string; problem: string; back: string; check: string }> = {
  cs: {
    thanks: 'Děkujeme',
    problem: 'Formulář nelze odeslat',
    back: 'Zpět na formulář',
    check: 'Zkontrolujte prosím tato pole:',
  },
  en: {
    thanks: 'Thank you',
    problem: 'The form could not be sent',
    back: 'Back to the form',
    check: 'Please check these fields:',
  },
  de: {
    thanks: 'Vielen Dank',
    problem: 'Das Formular konnte nicht gesendet werden',
    back: 'Zurück zum Formular',
    check: 'Bitte prüfen Sie diese Felder:',
  },
};

function page(lang: FormLanguage, title: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#222}</style>
</head><body><h1>${esc(title)}</h1>${body}</body></html>`;
}

export function thankYouPage(lang: FormLanguage, message: string | null): string {
  return page(lang, TEXTS[lang].thanks, `<p>${esc(message ?? DEFAULT_THANK_YOU[lang])}</p>`);
}

/** The page the visitor came from, if it is a web address we can safely link back to. */
function safeBackLink(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.toString() : null;
  } catch {
    return null;
  }
}

export function errorPage(
  lang: FormLanguage,
  message: string,
  details: ErrorDetail[],
  labels: Record<string, string>,
  backUrl?: string,
): string {
  const t = TEXTS[lang];
  const fields = details.filter((d) => d.field);
  const list = fields.length
    ? `<p>${esc(t.check)}</p><ul>${fields.map((d) => `<li><strong>${esc(labels[d.field as string] ?? String(d.field))}</strong>: ${esc(d.message)}</li>`).join('')}</ul>`
    : `<p>${esc(message)}</p>`;
  const back = safeBackLink(backUrl);
  return page(lang, t.problem, back ? `${list}<p><a href="${esc(back)}">${esc(t.back)}</a></p>` : list);
}
