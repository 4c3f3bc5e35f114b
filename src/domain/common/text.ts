/**
 * Folds text for diacritics-blind, case-blind matching: "Dvořáková" and "DVORAKOVA" both become "dvorakova".
 * Display always keeps the original; only search columns and queries are folded.
 */
export function foldText(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The searchable text of a record: its folded parts joined by spaces. */
export function searchText(parts: Array<string | null | undefined>): string {
  return foldText(parts.filter((p): p is string => Boolean(p)).join(' '));
}
