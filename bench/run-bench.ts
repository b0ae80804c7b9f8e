/**
 * Runs a benchmark's main: exit 0 once it printed its table, even if a library left a timer or a
 * socket behind; exit 1 with the stack when it failed.
 */
export function runBench(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (err) => {
      process.stderr.write(`${(err as Error).stack}\n`);
      process.exit(1);
    },
  );
}
