import type { Context } from '@temporalio/activity';
import type { ActivityInterceptors } from '@temporalio/worker';
import { activityDuration } from '../metrics/metrics';

/**
 * An activity interceptor factory for Worker.create's `interceptors.activity`: times each execution
 * into eoffice_activity_duration_seconds by activity type, outcome "completed" or "failed" (a failed
 * attempt counts even if a retry later succeeds; cancellation counts as failed).
 */
export function activityMetricsInterceptor(ctx: Context): ActivityInterceptors {
  return {
    inbound: {
      async execute(input, next) {
        const endTimer = activityDuration.startTimer({ activity: ctx.info.activityType });
        try {
          const result = await next(input);
          endTimer({ outcome: 'completed' });
          return result;
        } catch (error) {
          endTimer({ outcome: 'failed' });
          throw error;
        }
      },
    },
  };
}
