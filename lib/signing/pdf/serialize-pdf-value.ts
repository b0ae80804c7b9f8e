import type { PdfValue } from './pdf-value';

/** Writes a parsed value back as PDF syntax; strings become hex strings, which survive any bytes. */
export function serializePdfValue(value: PdfValue): string {
  switch (value.type) {
    case 'num':
      return value.text;
    case 'name':
      return `/${value.name}`;
    case 'str':
      return `<${value.bytes.toString('hex')}>`;
    case 'bool':
      return String(value.value);
    case 'null':
      return 'null';
    case 'ref':
      return `${value.num} ${value.gen} R`;
    case 'array':
      return `[${value.items.map(serializePdfValue).join(' ')}]`;
    case 'dict':
      return `<<${[...value.entries].map(([k, v]) => `/${k} ${serializePdfValue(v)}`).join('\n')}>>`;
  }
}
