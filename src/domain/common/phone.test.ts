import { describe, expect, it } from 'vitest';
import { formatPhone, toE164 } from './phone.js';

describe('phone parsing', () => {
  it.each(['603 123 456', '+420603123456', '00420 603 123 456', '+420 603 123 456'])('reads %s as +420603123456', (input) => {
    expect(toE164(input)).toBe('+420603123456');
  });

  it('reads a German number', () => {
    expect(toE164('+49 30 1234567')).toBe('+49301234567');
    expect(toE164('0049 30 1234567')).toBe('+49301234567');
  });

  it('reads a national German number when Germany is the default country', () => {
    expect(toE164('030 1234567', 'DE')).toBe('+49301234567');
  });

  it.each(['123', 'not a phone', '+420 12', ''])('rejects %j', (input) => {
    expect(toE164(input)).toBeNull();
  });

  it('displays home numbers nationally and foreign ones internationally', () => {
    expect(formatPhone('+420603123456')).toBe('603 123 456');
    expect(formatPhone('+49301234567')).toBe('+49 30 1234567');
  });
});
