import { normalizeSerial } from '../../lib/pki/normalize-serial';
import { checkNewPassphrase } from '../../lib/pki/passphrase-rules';
import { PassphraseTooLongError, PassphraseTooShortError } from '../../lib/pki/pki-errors';
import { randomSerial } from '../../lib/pki/random-serial';
import { reasonCode } from '../../lib/pki/reason-code';
import { X509CrlReason } from '../../lib/pki/x509';

describe('PKI helpers', () => {
  it('makes 16-byte positive serials with no leading zero byte', () => {
    const serials = Array.from({ length: 200 }, randomSerial);
    for (const s of serials) expect(s).toMatch(/^[4-7][0-9a-f]{31}$/);
    expect(new Set(serials).size).toBe(serials.length);
  });

  it('reads serials the way people paste them', () => {
    expect(normalizeSerial('4A:0B:CC')).toBe('4a0bcc');
    expect(normalizeSerial(' 00 4a0bcc ')).toBe('4a0bcc');
    expect(normalizeSerial('00')).toBe('00');
    expect(normalizeSerial('xyz')).toBe('');
  });

  it('maps stored revocation reasons to RFC 5280 codes, and leaves free text without one', () => {
    expect(reasonCode('key_compromise')).toBe(X509CrlReason.keyCompromise);
    expect(reasonCode('keyCompromise')).toBe(X509CrlReason.keyCompromise);
    expect(reasonCode('Superseded')).toBe(X509CrlReason.superseded);
    expect(reasonCode('affiliation-changed')).toBe(X509CrlReason.affiliationChanged);
    expect(reasonCode('cessation_of_operation')).toBe(X509CrlReason.cessationOfOperation);
    expect(reasonCode('privilege_withdrawn')).toBe(X509CrlReason.privilegeWithdrawn);
    expect(reasonCode('unspecified')).toBeUndefined();
    expect(reasonCode('pensiun per 1 Januari')).toBeUndefined();
    expect(reasonCode(null)).toBeUndefined();
  });

  it('wants 8 to 256 characters in a new passphrase, counted as typed', () => {
    expect(() => checkNewPassphrase('1234567')).toThrow(PassphraseTooShortError);
    expect(() => checkNewPassphrase('12345678')).not.toThrow();
    // Seven characters, but more UTF-16 units: still too short.
    expect(() => checkNewPassphrase('😀😀😀😀😀😀😀')).toThrow(PassphraseTooShortError);
    expect(() => checkNewPassphrase('x'.repeat(257))).toThrow(PassphraseTooLongError);
    let caught: unknown;
    try {
      checkNewPassphrase('rahasia');
    } catch (err) {
      caught = err;
    }
    expect(caught).toMatchObject({
      status: 400,
      code: 'passphrase_too_short',
      message: 'Passphrase sertifikat minimal 8 karakter.',
    });
  });
});
