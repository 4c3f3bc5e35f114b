import { describe, expect, it } from 'vitest';
import { cs } from '../../src/web/app/i18n/locales/cs.js';
import { de } from '../../src/web/app/i18n/locales/de.js';
import { en } from '../../src/web/app/i18n/locales/en.js';

/**
 * The Stream lines the opportunity workflows write are read by Czech and German teams: each has its own text in
 * every language (German used to fall back to English for approvals, stalls and handovers).
 */
const ENTRY_KEYS = [
  'create',
  'update',
  'status',
  'status_won',
  'status_lost',
  'status_reopened',
  'assign',
  'note',
  'create_related',
  'delete',
  'restore',
  'approval_assessment',
  'approval_requested',
  'approval_approved',
  'approval_rejected',
  'stall_continue',
  'stall_on_hold',
  'stall_close_lost',
  'handover',
] as const;
const TYPE_KEYS = ['status', 'assign', 'approval', 'stall', 'handover'] as const;

describe('Stream texts of the opportunity workflows', () => {
  it.each([
    ['cs', cs],
    ['de', de],
  ] as const)('%s has its own text for every entry the workflows write', (_lang, messages) => {
    const entry = (messages.stream?.entry ?? {}) as Record<string, string | undefined>;
    const type = (messages.stream?.type ?? {}) as Record<string, string | undefined>;
    for (const key of ENTRY_KEYS) {
      expect(entry[key], `stream.entry.${key}`).toBeTruthy();
      expect(entry[key], `stream.entry.${key}`).not.toBe(en.stream.entry[key]);
    }
    for (const key of TYPE_KEYS) expect(type[key], `stream.type.${key}`).toBeTruthy();
    // placeholders survive translation
    expect(entry.handover).toContain('{{to}}');
    expect(entry.assign).toContain('{{from}}');
  });
});
