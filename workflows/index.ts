// The worker's workflow bundle: every workflow type e-Office runs is exported from here.
export { outgoingLetter } from './outgoing-letter';
export { incomingLetter } from './incoming-letter';
export { disposition } from './disposition';
export { staffSync } from './staff-sync';
export { certificateExpiry } from './certificate-expiry';
export { agendaItem } from './agenda-item';
