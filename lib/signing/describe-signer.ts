import type { X509Certificate } from 'node:crypto';
import * as pkijs from 'pkijs';

const NAME_OID = { commonName: '2.5.4.3', serialNumber: '2.5.4.5', title: '2.5.4.12', unit: '2.5.4.11' };

/** Who signed, from the certificate's subject as lib/pki writes it: CN, serialNumber = NIP, title, OU. */
export function describeSigner(certificate: X509Certificate): {
  name: string | null;
  nip: string | null;
  position: string | null;
  opd: string | null;
} {
  const subject = pkijs.Certificate.fromBER(new Uint8Array(certificate.raw)).subject.typesAndValues;
  const field = (oid: string): string | null => {
    const value = subject.find((tv) => tv.type === oid)?.value.valueBlock.value;
    return typeof value === 'string' ? value : null;
  };
  return {
    name: field(NAME_OID.commonName),
    nip: field(NAME_OID.serialNumber),
    position: field(NAME_OID.title),
    opd: field(NAME_OID.unit),
  };
}
