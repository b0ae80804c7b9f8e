/** The standard disposition instructions (petunjuk disposisi) a giver chooses from, as users read them. */
export const INSTRUCTIONS = [
  'Untuk ditindaklanjuti',
  'Untuk diketahui',
  'Siapkan jawaban',
  'Hadiri',
  'Wakili',
  'Koordinasikan',
  'Untuk diproses sesuai ketentuan',
  'Untuk dipedomani',
  'Untuk diarsipkan',
] as const;

export type Instruction = (typeof INSTRUCTIONS)[number];

export const isInstruction = (value: string): value is Instruction =>
  (INSTRUCTIONS as readonly string[]).includes(value);
