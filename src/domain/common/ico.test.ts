import { describe, expect, it } from 'vitest';
import { isValidIco, normalizeIco, normalizeVatNumber, vatNumberProblem } from './ico.js';

describe('IČO', () => {
  it.each(['27082440', '45274649', '00006947'])('accepts the valid IČO %s', (ico) => {
    expect(isValidIco(ico)).toBe(true);
  });

  it.each(['27082441', '45274640', '00006948', '12345678'])('rejects %s (wrong check digit)', (ico) => {
    expect(isValidIco(ico)).toBe(false);
  });

  it('left-pads short numbers to 8 digits before checking', () => {
    expect(normalizeIco('6947')).toBe('00006947');
    expect(isValidIco('6947')).toBe(true);
    expect(normalizeIco('270 824 40')).toBe('27082440');
  });

  it('is not an IČO when it has letters or more than 8 digits', () => {
    expect(normalizeIco('HRB 12345')).toBeNull();
    expect(normalizeIco('123456789')).toBeNull();
    expect(isValidIco('abc')).toBe(false);
  });

  it('handles the remainder cases r = 0 (check 1) and r = 1 (check 0)', () => {
    // weights 8,7,6,5,4,3,2 — 1100000x: 8 + 7 = 15 → r = 4 → check 7
    expect(isValidIco('11000007')).toBe(true);
    // 2000003x: 16 + 6 = 22 → r = 0 → check (11 - 0) % 10 = 1
    expect(isValidIco('20000031')).toBe(true);
    expect(isValidIco('20000030')).toBe(false);
    // 1000002x: 8 + 4 = 12 → r = 1 → check (11 - 1) % 10 = 0
    expect(isValidIco('10000020')).toBe(true);
    expect(isValidIco('10000021')).toBe(false);
  });
});

describe('VAT numbers', () => {
  it('accepts Czech (CZ + 8–10 digits) and German (DE + 9 digits) ids', () => {
    expect(vatNumberProblem('CZ27082440')).toBeNull();
    expect(vatNumberProblem('CZ6005151234')).toBeNull();
    expect(vatNumberProblem('DE123456789')).toBeNull();
  });

  it('normalises spacing and case', () => {
    expect(normalizeVatNumber('cz 2708 2440')).toBe('CZ27082440');
    expect(vatNumberProblem('cz 2708 2440')).toBeNull();
  });

  it('rejects a Czech id that is too short or has letters', () => {
    expect(vatNumberProblem('CZ123')).toMatch(/CZ followed by 8 to 10 digits/);
    expect(vatNumberProblem('CZ12345678901')).toMatch(/CZ followed by 8 to 10 digits/);
    expect(vatNumberProblem('CZ1234567A')).toMatch(/CZ followed by 8 to 10 digits/);
  });

  it('rejects a German id without exactly 9 digits', () => {
    expect(vatNumberProblem('DE12345678')).toMatch(/DE followed by 9 digits/);
  });

  it('requires a country prefix', () => {
    expect(vatNumberProblem('27082440')).toMatch(/two-letter country code/);
  });
});
