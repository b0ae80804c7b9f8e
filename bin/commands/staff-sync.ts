import type { Command } from 'commander';

// Being built (issue 6).
export function registerStaffSyncCommands(_program: Command): void {}
