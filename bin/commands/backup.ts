import type { Command } from 'commander';

// Being built (issue 6).
export function registerBackupCommands(_program: Command): void {}
