import type { Context } from '@temporalio/activity';
import type { ActivityInterceptors } from '@temporalio/worker';

/**
 * Heartbeats on behalf of every activity that asks for them (a heartbeatTimeout in its options), a few
 * times per timeout while it runs. A killed worker then shows within that timeout and the activity is
 * retried on another one, instead of after its whole start-to-close timeout (two minutes for signing).
 */
export function activityHeartbeatInterceptor(ctx: Context): ActivityInterceptors {
  return {
    inbound: {
      async execute(input, next) {
        const timeoutMs = ctx.info.heartbeatTimeoutMs;
        if (!timeoutMs) return next(input);
        const beat = setInterval(() => ctx.heartbeat(), Math.max(500, timeoutMs / 4));
        try {
          return await next(input);
        } finally {
          clearInterval(beat);
        }
      },
    },
  };
}
