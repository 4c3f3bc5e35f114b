import {
  DEFAULT_SUBMIT_LABELS,
  DEFAULT_THANK_YOU,
  FORM_HONEYPOT_FIELD,
  type Form,
  type FormLanguage,
  fieldLabel,
  submitPath,
} from '../../../domain/forms/form.schema.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const TEXTS: Record<FormLanguage, { check: string; tooMany: string; failed: string; sending: string }> = {
  cs: {
    check: 'Zkontrolujte prosím:',
    tooMany: 'Příliš mnoho odeslání, zkuste to prosím za minutu.',
    failed: 'Odeslání se nepovedlo, zkuste to prosím znovu.',
    sending: 'Odesílám…',
  },
  en: {
    check: 'Please check:',
    tooMany: 'Too many submissions, please try again in a minute.',
    failed: 'Sending failed, please try again.',
    sending: 'Sending…',
  },
  de: {
    check: 'Bitte prüfen Sie:',
    tooMany: 'Zu viele Anfragen, bitte versuchen Sie es in einer Minute erneut.',
    failed: 'Senden fehlgeschlagen, bitte erneut versuchen.',
    sending: 'Wird gesendet…',
  },
};

const INPUT_TYPES: Partial<Record<string, string>> = { email: 'email', phone: 'tel' };
const AUTOCOMPLETE: Partial<Record<string, string>> = {
  firstName: 'given-name',
  lastName: 'family-name',
  company: 'organization',
  email: 'email',
  phone: 'tel',
  title: 'organization-title',
  city: 'address-level2',
};

/**
 * The copy-paste snippet for a site: a plain HTML form that also works without JavaScript (a classic post gets a
 * thank-you page or the redirect), plus a few lines of vanilla JS that post JSON instead and show the answer in place.
 */
export function embedSnippet(form: Form, publicUrl: string, lang: FormLanguage): string {
  const action = `${publicUrl.replace(/\/+$/, '')}${submitPath(form.id)}`;
  const domId = `stride-form-${form.id}`;
  const inputs = form.fields
    .map((f) => {
      const id = `${domId}-${f.name}`;
      const text = esc(fieldLabel(f, lang)) + (f.required ? ' *' : '');
      const req = f.required ? ' required' : '';
      const control =
        f.name === 'description'
          ? `<textarea id="${id}" name="${f.name}" rows="5" maxlength="5000"${req}></textarea>`
          : `<input id="${id}" name="${f.name}" type="${INPUT_TYPES[f.name] ?? 'text'}" autocomplete="${AUTOCOMPLETE[f.name] ?? 'off'}" maxlength="200"${req}>`;
      return `  <p><label for="${id}">${text}</label><br>\n    ${control}</p>`;
    })
    .join('\n');
  const t = TEXTS[lang];
  const strings = JSON.stringify({
    labels: Object.fromEntries(form.fields.map((f) => [f.name, fieldLabel(f, lang)])),
    thanks: form.thankYouMessage ?? DEFAULT_THANK_YOU[lang],
    ...t,
  }).replace(/</g, '\\u003c');

  return `<!-- Stride lead form "${esc(form.name)}" — paste into your page -->
<form id="${domId}" action="${esc(action)}" method="post" accept-charset="utf-8">
${inputs}
  <!-- spam trap: leave empty; people never see it -->
  <div aria-hidden="true" style="position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden">
    <label for="${domId}-${FORM_HONEYPOT_FIELD}">Homepage</label>
    <input id="${domId}-${FORM_HONEYPOT_FIELD}" name="${FORM_HONEYPOT_FIELD}" type="text" tabindex="-1" autocomplete="off">
  </div>
  <p><button type="submit">${esc(DEFAULT_SUBMIT_LABELS[lang])}</button></p>
  <p class="stride-form-status" role="status" aria-live="polite"></p>
</form>
<script>
(function () {
  var form = document.getElementById(${JSON.stringify(domId)});
  if (!form || !window.fetch) return;
  var s = ${strings};
  var status = form.querySelector('.stride-form-status');
  var button = form.querySelector('button[type=submit]');
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var data = {};
    new FormData(form).forEach(function (value, key) { data[key] = String(value); });
    button.disabled = true;
    status.textContent = s.sending;
    fetch(form.action, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(data) })
      .then(function (res) {
        return res.json().catch(function () { return {}; }).then(function (body) { return { status: res.status, body: body }; });
      })
      .then(function (r) {
        if (r.status === 200 && r.body.ok) {
          if (r.body.redirectUrl) { window.location.href = r.body.redirectUrl; return; }
          form.reset();
          status.textContent = r.body.message || s.thanks;
          return;
        }
        if (r.status === 400 && r.body.error) {
          var names = (r.body.error.details || []).map(function (d) { return s.labels[d.field] || d.field; });
          status.textContent = s.check + ' ' + names.join(', ');
        } else if (r.status === 429) {
          status.textContent = s.tooMany;
        } else {
          status.textContent = s.failed;
        }
      })
      .catch(function () { status.textContent = s.failed; })
      .then(function () { button.disabled = false; });
  });
})();
</script>
`;
}
