import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker, type InjectedSinks } from '@temporalio/worker';
import type { Logger } from '@fuzzforge/observability';
import { retryUntilReady } from '@fuzzforge/platform';
import { ActivityTracingInterceptor, reportWorkflowSpan } from './tracing/activityTracing';
import type { TracingSinks } from './workflows/tracingInterceptors';

/** Bundled with every vertical's workflows: continues the run's trace through Temporal. */
const tracingInterceptorsPath = fileURLToPath(new URL('./workflows/tracingInterceptors.ts', import.meta.url));

const tracingSinks: InjectedSinks<TracingSinks> = {
  // Once per run, by the worker that completes it: never again on replay.
  tracing: { workflowEnded: { fn: (_info, report) => reportWorkflowSpan(report), callDuringReplay: false } },
};

export interface WorkerBootstrapOptions {
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  /** Absolute path of the vertical's workflows module; Temporal bundles it for its sandbox. */
  workflowsPath: string;
  activities: Record<string, (...args: never[]) => Promise<unknown>>;
  maxConcurrentActivities: number;
  identity: string;
  log: Logger;
}

export interface RunningWorker {
  /** Resolves when the worker stopped (after `shutdown`, or on a fatal error). */
  done: Promise<void>;
  shutdown(): Promise<void>;
}

/** Starts a long-lived Temporal worker for one vertical's task queue. */
export async function startVerticalWorker(o: WorkerBootstrapOptions): Promise<RunningWorker> {
  const connection = await retryUntilReady(
    'temporal',
    () => NativeConnection.connect({ address: o.temporalAddress }),
    o.log,
  );
  const worker = await Worker.create({
    connection,
    namespace: o.namespace,
    taskQueue: o.taskQueue,
    workflowsPath: o.workflowsPath,
    activities: o.activities,
    interceptors: {
      workflowModules: [tracingInterceptorsPath],
      activity: [(ctx) => ({ inbound: new ActivityTracingInterceptor(ctx) })],
    },
    sinks: tracingSinks,
    identity: o.identity,
    maxConcurrentActivityTaskExecutions: o.maxConcurrentActivities,
    // Give a running tool time to be killed and its activity to report cancellation on shutdown.
    shutdownGraceTime: '10 seconds',
    // Heartbeats carry cancellation back to a running tool: send them often enough to stop it in seconds.
    defaultHeartbeatThrottleInterval: '1 second',
    maxHeartbeatThrottleInterval: '2 seconds',
  });
  o.log.info('worker polling', { taskQueue: o.taskQueue, identity: o.identity });
  const done = worker.run().finally(() => connection.close());
  return {
    done,
    async shutdown() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await done;
    },
  };
}
