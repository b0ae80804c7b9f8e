// @peculiar/x509 resolves algorithms through tsyringe, which needs the Reflect metadata API loaded
// first; importing x509 only from here guarantees the order.
import 'reflect-metadata';

export * from '@peculiar/x509';
