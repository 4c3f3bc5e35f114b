import { describe, expect, it } from 'vitest';
import { foldText, searchText } from './text.js';

describe('foldText', () => {
  it('drops diacritics and case', () => {
    expect(foldText('Dvořáková')).toBe('dvorakova');
    expect(foldText('DVOŘÁK')).toBe('dvorak');
    expect(foldText('Šťastný Čermák Říha')).toBe('stastny cermak riha');
    expect(foldText('Müller Schäfer')).toBe('muller schafer');
  });

  it('collapses and trims whitespace', () => {
    expect(foldText('  Pekárny \t  Brno\n s.r.o. ')).toBe('pekarny brno s.r.o.');
  });

  it('makes typed and displayed forms meet', () => {
    expect(foldText('dvorakova')).toBe(foldText('Dvořáková'));
    expect(foldText('Dvořáková').includes(foldText('DVOŘÁK'))).toBe(true);
  });

  it('keeps digits and punctuation (IČO, VAT, emails)', () => {
    expect(foldText('CZ27082440 info@pekárny.cz')).toBe('cz27082440 info@pekarny.cz');
  });
});

describe('searchText', () => {
  it('joins the present parts, folded', () => {
    expect(searchText(['Barbora', null, 'Dvořáková', undefined, ''])).toBe('barbora dvorakova');
  });
});
