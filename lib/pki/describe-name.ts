import * as x509 from './x509';
import { OID } from './oids';

const shortNames = { [OID.serialNumber]: 'serialNumber', [OID.title]: 'title' };

/** A distinguished name as people read it (RFC 4514 order, most specific first): `CN=…, serialNumber=…, …, C=ID`. */
export function describeName(name: x509.Name): string {
  const rdns = new x509.Name(name.toArrayBuffer(), shortNames).toJSON().reverse();
  return new x509.Name(rdns, shortNames).toString();
}
