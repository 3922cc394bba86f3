import type { BusDelivery } from '../bus/bus.js';
import { actionFamily, type EnforcementMessage } from '../violations/enforcement-message.js';
import type { DeliveryOutcome } from '../enforcers/enforcement-service.js';

/** The parts of an SQS event record the handler reads (aws-lambda's SQSRecord, without the dependency). */
export interface SqsRecord {
  messageId: string;
  body: string;
  attributes: { ApproximateReceiveCount: string } & Record<string, string>;
}
export interface SqsEvent {
  Records: SqsRecord[];
}
/** Partial batch response: only these messages return to the queue (ReportBatchItemFailures on the event source mapping). */
export interface SqsBatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

export interface SqsHandlerDeps {
  /** The enforcement service's handle (the same code the long-running workers run). */
  handle(d: BusDelivery): Promise<DeliveryOutcome>;
  /** The queue's maxReceiveCount: the last receive dead-letters instead of retrying. */
  maxReceiveCount: number;
  /** Families this function serves (its queue's subscription filter); others are refused. */
  families: readonly string[];
  log?: (line: Record<string, unknown>) => void;
}

/**
 * The enforcer as an AWS Lambda handler fed by SQS (SNS topic per family → queue → function). Each
 * record becomes a delivery: ack and dead-letter settle it here (the outcome is recorded in the
 * store); a nak or an unexpected error reports it in `batchItemFailures`, so SQS redelivers only that
 * message after its visibility timeout, and the queue's redrive policy catches what keeps failing.
 *
 * @example
 * export const handler = createEnforcerSqsHandler({ handle: (d) => service.handle(d), maxReceiveCount: 5, families: ['s3'] });
 */
export const createEnforcerSqsHandler = (deps: SqsHandlerDeps) => async (event: SqsEvent): Promise<SqsBatchResponse> => {
  const failures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    let retry = false;
    try {
      const message = parseBody(record.body);
      const family = actionFamily(message.action);
      if (!deps.families.includes(family)) throw new Error(`this function serves ${deps.families.join(', ')}, not ${family}`);
      const attempt = Number(record.attributes.ApproximateReceiveCount) || 1;
      const delivery: BusDelivery = {
        message,
        family,
        attempt,
        ack: async () => undefined,
        nak: async () => {
          if (attempt >= deps.maxReceiveCount) return 'dead-lettered';
          retry = true;
          return 'retry';
        },
        // SQS counts every receive: a deferral comes back after the visibility timeout and counts
        // (raise maxReceiveCount above the rate limits' patience).
        defer: async () => {
          retry = true;
        },
        deadLetter: async () => undefined,
      };
      const outcome = await deps.handle(delivery);
      deps.log?.({ messageId: record.messageId, outcome: outcome.kind, reason: outcome.reason, actionId: outcome.actionId });
    } catch (err) {
      retry = true;
      deps.log?.({ messageId: record.messageId, error: (err as Error).message });
    }
    if (retry) failures.push({ itemIdentifier: record.messageId });
  }
  return { batchItemFailures: failures };
};

/** An SQS body is the message itself, or an SNS notification wrapping it (raw delivery off). */
const parseBody = (body: string): EnforcementMessage => {
  const parsed = JSON.parse(body) as Record<string, unknown>;
  if (parsed['Type'] === 'Notification' && typeof parsed['Message'] === 'string') return JSON.parse(parsed['Message']) as EnforcementMessage;
  return parsed as unknown as EnforcementMessage;
};
