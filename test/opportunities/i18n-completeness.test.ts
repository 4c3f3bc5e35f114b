import { createInstance } from 'i18next';
import { describe, expect, it, vi } from 'vitest';

/**
 * The opportunity part of the UI (board, table, deal page, close dialog, pipelines, rates, win/loss, stalled deals,
 * approvals, workflows) is read by Czech and German sales teams: every English key has its own Czech and German
 * text, with the plural forms each language needs, and the same placeholders. German used to be `{...en, …}`.
 */

// The modules register their strings with the app's i18next on import; catch what they register instead (the real
// module reads localStorage and the document, which a server-side test does not have).
const { bundles } = vi.hoisted(() => ({ bundles: new Map<string, Record<string, unknown>>() }));
vi.mock('../../src/web/app/i18n/index.js', () => ({
  i18next: {
    hasResourceBundle: (lang: string, ns: string) => bundles.has(`${lang}/${ns}`),
    addResourceBundle: (lang: string, ns: string, strings: Record<string, unknown>) => {
      bundles.set(`${lang}/${ns}`, merge(bundles.get(`${lang}/${ns}`) ?? {}, strings));
    },
  },
}));

import '../../src/web/modules/opportunities/i18n.js';
import '../../src/web/modules/opportunity-insights/i18n.js';
import '../../src/web/modules/opportunity-insights/workflows.i18n.js';
import { ApiError } from '../../src/web/app/api/client.js';
import { refusalMessage } from '../../src/web/modules/opportunities/refusal.js';

function merge(into: Record<string, unknown>, from: Record<string, unknown>): Record<string, unknown> {
  for (const [k, v] of Object.entries(from)) {
    const here = into[k];
    into[k] =
      v && typeof v === 'object' && here && typeof here === 'object'
        ? merge(here as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return into;
}

function flatten(o: Record<string, unknown>, prefix = '', out = new Map<string, string>()): Map<string, string> {
  for (const [k, v] of Object.entries(o)) {
    if (v && typeof v === 'object') flatten(v as Record<string, unknown>, `${prefix}${k}.`, out);
    else out.set(`${prefix}${k}`, String(v));
  }
  return out;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
/** Words that are the same in the translation on purpose (loanwords, proper names, codes). */
const SAME_ON_PURPOSE = new Set(['Pipeline', 'Pipelines', 'ČNB', 'Status', 'Team', 'Name', 'Role']);
const placeholders = (s: string) => [...s.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();
const hasWords = (s: string) => /\p{L}{2,}/u.test(s.replace(/{{[^}]*}}/g, ''));

const NAMESPACES = ['opportunities', 'opportunityInsights', 'opportunityWorkflows', 'translation'];

describe('Czech and German texts of the opportunity UI', () => {
  it('registers every namespace in all three languages', () => {
    for (const ns of NAMESPACES)
      for (const lang of ['en', 'cs', 'de']) expect(bundles.has(`${lang}/${ns}`), `${lang}/${ns}`).toBe(true);
  });

  describe.each(['cs', 'de'])('%s', (lang) => {
    const plurals = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;

    it.each(NAMESPACES)('has every English key of %s, with its plural forms and placeholders', (ns) => {
      const en = flatten(bundles.get(`en/${ns}`) ?? {});
      const other = flatten(bundles.get(`${lang}/${ns}`) ?? {});
      const problems: string[] = [];
      const expected = new Set<string>();
      for (const key of en.keys()) {
        if (PLURAL.test(key)) for (const c of plurals) expected.add(key.replace(PLURAL, `_${c}`));
        else expected.add(key);
      }
      for (const key of expected) if (!other.has(key)) problems.push(`missing ${key}`);
      for (const key of other.keys()) if (!expected.has(key)) problems.push(`not in English: ${key}`);
      for (const [key, text] of other) {
        const source = en.get(key) ?? en.get(key.replace(PLURAL, '_other'));
        if (source === undefined) continue;
        if (placeholders(text).join() !== placeholders(source).join()) problems.push(`placeholders differ: ${key}`);
        if (text === source && hasWords(text) && !SAME_ON_PURPOSE.has(text)) problems.push(`still English: ${key} = ${text}`);
      }
      expect(problems).toEqual([]);
    });
  });

  it('labels every field of an opportunity update entry in the Stream (default namespace)', () => {
    const fields = [
      'accountId',
      'primaryContactId',
      'contacts',
      'amount',
      'currency',
      'probability',
      'expectedCloseDate',
      'forecastCategory',
      'nextStep',
      'source',
    ];
    for (const lang of ['cs', 'de']) {
      const labels = (bundles.get(`${lang}/translation`)?.fields ?? {}) as Record<string, string>;
      const english = (bundles.get('en/translation')?.fields ?? {}) as Record<string, string>;
      for (const f of fields) {
        expect(labels[f], `${lang} fields.${f}`).toBeTruthy();
        expect(labels[f], `${lang} fields.${f}`).not.toBe(english[f]);
      }
    }
  });
});

describe('refusalMessage', () => {
  const i18n = createInstance();
  const ready = i18n.init({
    lng: 'en',
    fallbackLng: false,
    ns: ['opportunities'],
    resources: Object.fromEntries(
      ['en', 'cs', 'de'].map((lang) => [lang, { opportunities: bundles.get(`${lang}/opportunities`) ?? {} }]),
    ),
    interpolation: { escapeValue: false },
  });
  const refused = (detail: Record<string, unknown>) =>
    new ApiError(422, 'invalid_transition', 'API text (POST …/approval-request)', [
      { field: 'stageId', message: 'x', ...detail },
    ]);

  it('words each gate in the user’s language instead of the API hint', async () => {
    await ready;
    const en = i18n.getFixedT('en', 'opportunities');
    const cs = i18n.getFixedT('cs', 'opportunities');
    const de = i18n.getFixedT('de', 'opportunities');
    const approval = refused({ gate: 'approval', approvalStatus: 'none', stage: 'Binding offer' });
    // the board's toast wraps it: "The move was refused: … requires management approval …" (e2e)
    expect(refusalMessage(en, approval)).toMatch(/^"Binding offer" requires management approval/);
    expect(refusalMessage(cs, approval)).toMatch(/^Fáze „Binding offer“ vyžaduje schválení vedením/);
    expect(refusalMessage(de, refused({ gate: 'approval', approvalStatus: 'rejected', stage: 'Angebot' }))).toContain(
      'hat die Anfrage abgelehnt',
    );
    expect(refusalMessage(cs, refused({ gate: 'plan', openItems: 3, stage: 'Průzkum' }))).toContain('zůstávají 3 položky');
    expect(refusalMessage(cs, refused({ gate: 'plan', openItems: 5, stage: 'Průzkum' }))).toContain('zůstává 5 položek');
    expect(refusalMessage(de, refused({ gate: 'plan', openItems: 1, stage: 'Analyse' }))).toContain('1 Punkt ist noch offen');
    expect(refusalMessage(de, refused({ gate: 'checklist', openItems: ['Budget', 'Entscheider'], stage: 'Analyse' }))).toBe(
      'Haken Sie die Checkliste von „Analyse“ ab, bevor die Verkaufschance weitergeht. Noch offen: „Budget“, „Entscheider“.',
    );
    expect(refusalMessage(en, refused({ gate: 'closed_stage', kind: 'won', stage: 'Signed' }))).toBe(
      '"Signed" is the won stage: close the deal as won instead.',
    );
    for (const t of [en, cs, de]) expect(refusalMessage(t, approval)).not.toContain('POST');
    // not a gate: the server's message
    expect(refusalMessage(en, new ApiError(422, 'invalid_transition', 'The opportunity is already won'))).toBe(
      'The opportunity is already won',
    );
  });
});
