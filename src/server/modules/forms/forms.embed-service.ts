import { FORM_LANGUAGES, type FormLanguage, submitPath } from '../../../domain/forms/form.schema.js';
import type { Actor } from '../../access/actor.js';
import { assertAdmin } from '../../access/policy.js';
import type { Db } from '../../platform/db.js';
import { embedSnippet } from './forms.embed.js';
import { getVisibleForm } from './forms.service.js';

/** The embed snippet of a form, in the asked language (else the admin's own, else English). */
export async function getFormEmbed(db: Db, actor: Actor, id: string, publicUrl: string, lang?: FormLanguage) {
  assertAdmin(actor);
  const found = await getVisibleForm(db, actor, id);
  const language = lang ?? ((FORM_LANGUAGES as readonly string[]).includes(actor.locale) ? (actor.locale as FormLanguage) : 'en');
  return {
    html: embedSnippet(found, publicUrl, language),
    submitUrl: `${publicUrl.replace(/\/+$/, '')}${submitPath(found.id)}`,
    lang: language,
  };
}
