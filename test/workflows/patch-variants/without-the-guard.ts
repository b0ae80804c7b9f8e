// Bundled in place of @temporalio/workflow: every patch applies unconditionally, i.e. the change made
// without the patched() guard, which must break the replay of histories recorded before it.
export * from '@temporalio/workflow/lib/index';
export const patched = (_patchId: string): boolean => true;
