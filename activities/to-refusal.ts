import { ApplicationFailure } from '@temporalio/activity';
import { AppError } from '../lib/errors';

/**
 * Runs an activity body, turning the domain's refusals (AppError with a 4xx status: invalid input,
 * conflict, forbidden, not found) into a non-retryable ApplicationFailure of type 'refused' whose
 * Indonesian message the caller of the update sees. Anything else (database down, Chromium crash) is
 * rethrown as is, so Temporal retries it.
 */
export async function refusing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && error.status < 500) {
      throw ApplicationFailure.create({
        type: 'refused',
        nonRetryable: true,
        message: error.message,
        details: [{ code: error.code }],
      });
    }
    throw error;
  }
}
