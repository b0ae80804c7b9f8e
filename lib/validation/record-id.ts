import { z } from 'zod';

/** A database id as it arrives in a path, a query or a body: a positive safe integer, or a 400. */
export const recordId = z.coerce.number().int().positive();

/** The path parameters of a route on one record, `/…/:id`. */
export const idParams = z.object({ id: recordId });

/** The path parameters of a file of a record, `/…/:id/files/:fileId`. */
export const fileParams = idParams.extend({ fileId: recordId });
