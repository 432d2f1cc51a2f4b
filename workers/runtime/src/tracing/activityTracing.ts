import { context, propagation, ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { defaultPayloadConverter } from '@temporalio/common';
import type { ActivityExecuteInput, ActivityInboundCallsInterceptor, Next } from '@temporalio/worker';
import type { Context as ActivityContext } from '@temporalio/activity';
import { traceHeader, type TraceCarrier } from '@fuzzforge/contracts/workflowTracing';
import { ATTR_RUN_ID, markSpanFailed, recordFinishedSpan } from '@fuzzforge/observability';
import type { WorkflowSpanReport } from '../workflows/tracingInterceptors';

const tracer = () => trace.getTracer('@fuzzforge/worker-runtime/temporal');

/** Runs each activity in a span under its workflow run's span (from the header the workflow set). */
export class ActivityTracingInterceptor implements ActivityInboundCallsInterceptor {
  constructor(private readonly ctx: ActivityContext) {}

  async execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>) {
    const payload = input.headers[traceHeader];
    const carrier = payload ? defaultPayloadConverter.fromPayload<TraceCarrier>(payload) : undefined;
    const parent = carrier ? propagation.extract(ROOT_CONTEXT, { ...carrier }) : context.active();
    const info = this.ctx.info;
    const span = tracer().startSpan(
      `RunActivity:${info.activityType}`,
      {
        kind: SpanKind.INTERNAL,
        attributes: {
          ...(info.workflowExecution ? { [ATTR_RUN_ID]: info.workflowExecution.workflowId } : {}),
          'temporal.workflow_type': info.workflowType,
          'temporal.activity.attempt': info.attempt,
          'temporal.task_queue': info.taskQueue,
        },
      },
      parent,
    );
    try {
      return await context.with(trace.setSpan(parent, span), () => next(input));
    } catch (err) {
      markSpanFailed(span, err);
      throw err;
    } finally {
      span.end();
    }
  }
}

/** The worker side of the workflow's tracing sink: reports a workflow run's span once it ended. */
export function reportWorkflowSpan(report: WorkflowSpanReport): void {
  recordFinishedSpan({
    name: `RunWorkflow:${report.workflowType}`,
    parent: report.parent,
    spanId: report.spanId,
    startTime: new Date(report.runStartTimeMs),
    endTime: new Date(Math.max(report.endTimeMs, report.runStartTimeMs)),
    attributes: { [ATTR_RUN_ID]: report.workflowId, 'temporal.workflow_type': report.workflowType },
    ...(report.error ? { error: report.error } : {}),
  });
}
