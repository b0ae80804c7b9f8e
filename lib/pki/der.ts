import forge from 'node-forge';

/**
 * A small DER toolkit over node-forge's ASN.1 (asn1js 4 and pkijs 4 are ES modules only, which
 * ts-jest on Node 20 cannot load). Builders produce nodes, readers check the shape and say what they
 * expected, so a corrupt file fails with a plain message instead of an undefined access.
 */
const { asn1 } = forge;
type Node = forge.asn1.Asn1;
const U = asn1.Class.UNIVERSAL;

const binary = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('binary');

function expectType(node: Node | undefined, type: forge.asn1.Type, what: string): Node {
  if (!node || node.tagClass !== U || node.type !== type)
    throw new Error(`${what}: unexpected ASN.1 structure`);
  return node;
}

export const der = {
  seq: (...items: Node[]) => asn1.create(U, asn1.Type.SEQUENCE, true, items),
  set: (...items: Node[]) => asn1.create(U, asn1.Type.SET, true, items),
  oid: (oid: string) => asn1.create(U, asn1.Type.OID, false, asn1.oidToDer(oid).getBytes()),
  int: (n: number) => asn1.create(U, asn1.Type.INTEGER, false, asn1.integerToDer(n).getBytes()),
  /** A non-negative INTEGER of any size. */
  bigInt(n: bigint) {
    let hex = n.toString(16);
    if (hex.length % 2) hex = `0${hex}`;
    if (parseInt(hex.slice(0, 2), 16) >= 0x80) hex = `00${hex}`;
    return asn1.create(U, asn1.Type.INTEGER, false, Buffer.from(hex, 'hex').toString('binary'));
  },
  nul: () => asn1.create(U, asn1.Type.NULL, false, ''),
  octets: (bytes: Uint8Array) => asn1.create(U, asn1.Type.OCTETSTRING, false, binary(bytes)),
  /** BMPString (PKCS#12 friendly names): forge takes the JS string and writes its UTF-16 units. */
  bmp: (text: string) => asn1.create(U, asn1.Type.BMPSTRING, false, text),
  explicit0: (item: Node) => asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [item]),

  encode: (node: Node) => Buffer.from(asn1.toDer(node).getBytes(), 'binary'),
  /** Parses one DER value that must fill `bytes` exactly. */
  parse(bytes: Uint8Array, what: string): Node {
    try {
      const options = { strict: true, parseAllBytes: true, decodeBitStrings: false };
      return asn1.fromDer(binary(bytes), options as unknown as boolean);
    } catch {
      throw new Error(`${what}: not a well-formed DER structure`);
    }
  },

  children: (node: Node | undefined, what: string) =>
    expectType(node, asn1.Type.SEQUENCE, what).value as Node[],
  oidOf: (node: Node | undefined, what: string) =>
    asn1.derToOid(expectType(node, asn1.Type.OID, what).value as string),
  intOf: (node: Node | undefined, what: string) =>
    asn1.derToInteger(expectType(node, asn1.Type.INTEGER, what).value as string),
  octetsOf(node: Node | undefined, what: string): Buffer {
    const n = expectType(node, asn1.Type.OCTETSTRING, what);
    // A BER writer may split it into pieces; ours never does, but join them if another one did.
    if (n.constructed) return Buffer.concat((n.value as Node[]).map((part) => der.octetsOf(part, what)));
    return Buffer.from(n.value as string, 'binary');
  },
  explicit0Of(node: Node | undefined, what: string): Node {
    const value = node?.value;
    if (
      !node ||
      node.tagClass !== asn1.Class.CONTEXT_SPECIFIC ||
      node.type !== 0 ||
      !Array.isArray(value) ||
      value.length !== 1
    ) {
      throw new Error(`${what}: expected [0] EXPLICIT`);
    }
    return value[0];
  },
  isType: (node: Node | undefined, type: 'SEQUENCE') =>
    !!node && node.tagClass === U && node.type === asn1.Type[type],
};
