import type { Command } from 'commander';

// Being built (issue 6).
export function registerAuditCommands(_program: Command): void {}
