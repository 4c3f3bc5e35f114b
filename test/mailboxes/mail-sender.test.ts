import { describe, expect, it } from 'vitest';
import {
  companyFromDomain,
  companyFromSignature,
  guessCompany,
  parsePersonName,
} from '../../src/domain/mailboxes/mail-sender.js';
import { safeFileName, sanitizeMailHtml } from '../../src/server/modules/mailboxes/mail-parse.js';

describe('who wrote the mail', () => {
  it('parses first and last name from the display name or the address', () => {
    expect(parsePersonName('Jana Dvořáková', 'jana@firma.cz')).toEqual({ firstName: 'Jana', lastName: 'Dvořáková' });
    expect(parsePersonName('"Dvořáková, Jana"', null)).toEqual({ firstName: 'Jana', lastName: 'Dvořáková' });
    expect(parsePersonName('Jan Amos Komenský', null)).toEqual({ firstName: 'Jan Amos', lastName: 'Komenský' });
    expect(parsePersonName('Novák', null)).toEqual({ firstName: null, lastName: 'Novák' });
    expect(parsePersonName('', 'petr.sťastny@firma.cz')).toEqual({ firstName: 'Petr', lastName: 'Sťastny' });
    expect(parsePersonName('info@firma.cz', 'info@firma.cz')).toEqual({ firstName: null, lastName: null });
  });

  it('finds the company in the signature by its legal form, else from the domain, never from free-mail', () => {
    const text =
      'Dobrý den,\npošlete nabídku.\n\nS pozdravem\nJana Dvořáková\nobchodní ředitelka\nStrojírny Brno s.r.o.\ntel. +420 603 123 456\n';
    expect(companyFromSignature(text)).toBe('Strojírny Brno s.r.o.');
    expect(companyFromSignature('Hallo,\n--\nMax Muster\nMuster Maschinenbau GmbH & Co. KG\nwww.muster.de')).toBe(
      'Muster Maschinenbau GmbH & Co. KG',
    );
    expect(companyFromSignature('Díky\n\n> On Mon wrote:\n> Firma a.s.')).toBeNull();
    expect(companyFromDomain('autoerp.cz')).toBe('Autoerp');
    expect(companyFromDomain('mail.acme-tools.co.uk')).toBe('Acme-tools');
    for (const free of ['gmail.com', 'seznam.cz', 'email.cz', 'centrum.cz']) expect(companyFromDomain(free)).toBeNull();
    expect(guessCompany('Dobrý den', 'jana@seznam.cz')).toBeNull();
  });
});

describe('what is stored', () => {
  it('sanitises HTML: no script, handlers, javascript: links or remote images', () => {
    const html = sanitizeMailHtml(
      '<p onclick="x()">Hi <b>there</b></p><script>alert(1)</script><iframe src="x"></iframe><a href="javascript:alert(1)">a</a><a href="https://firma.cz">b</a><img src="https://t.example/p.gif">',
    );
    const safe = 'target="_blank" rel="noopener noreferrer nofollow"';
    expect(html).toBe(`<p>Hi <b>there</b></p><a ${safe}>a</a><a href="https://firma.cz" ${safe}>b</a>`);
  });

  it('makes attachment names safe path segments', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\x\\nabídka 2026.pdf')).toBe('nabídka 2026.pdf');
    expect(safeFileName('.htaccess')).toBe('htaccess');
    expect(safeFileName('a<b>|c?.txt')).toBe('a_b__c_.txt');
    expect(safeFileName('')).toBe('attachment');
  });
});
