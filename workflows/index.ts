// The worker's workflow bundle: every workflow type e-Office runs is exported from here.
// Letter lifecycles (outgoing-letter.ts, incoming-letter.ts, disposition.ts) join it as they are built.
export {};
