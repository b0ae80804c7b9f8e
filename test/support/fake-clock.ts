/**
 * Fakes only the clock (Date) at `now`: timers, microtasks and performance stay real, so database
 * drivers and servers keep working while rows are written "at" another time. Undo with jest.useRealTimers().
 */
export function useFakeClock(now: Date | number): void {
  jest.useFakeTimers({
    now,
    doNotFake: [
      'nextTick',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
      'queueMicrotask',
      'hrtime',
      'performance',
    ],
  });
}
