import type { AppContext } from './context';

/**
 * A lookup made at most once per request: a route's `authorize` step and its handler ask the same
 * question (may this caller reach this record?) and share the answer, refusal included.
 */
export function oncePerRequest<T>(lookup: (ctx: AppContext) => Promise<T>): (ctx: AppContext) => Promise<T> {
  const answers = new WeakMap<AppContext, Promise<T>>();
  return (ctx) => {
    let answer = answers.get(ctx);
    if (!answer) {
      answer = lookup(ctx);
      answers.set(ctx, answer);
    }
    return answer;
  };
}
