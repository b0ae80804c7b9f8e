// The worker's workflow bundle: every workflow type e-Office runs is exported from here.
// Letter lifecycles (incoming-letter.ts, disposition.ts) join outgoing-letter.ts as they are built.
export { outgoingLetter } from './outgoing-letter';
