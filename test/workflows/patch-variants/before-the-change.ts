// Bundled in place of @temporalio/workflow: every patch reads as not yet made, i.e. the workflow code
// as it was before its patched() changes, to record histories of that time.
export * from '@temporalio/workflow/lib/index';
export const patched = (_patchId: string): boolean => false;
