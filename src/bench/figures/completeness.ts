import { inRanges, rangeCount, type IdRanges } from './ranges.js';

/** A message of the run and when the server committed it (its serverAt; one host, one clock). */
export interface MessageRecord {
  readonly id: number;
  readonly committedAt: number;
}

/** What one client received, and while when it was connected. */
export interface ReceiverRecord {
  readonly name: string;
  /** [from, to] epoch ms while the client was open; `to` is when it stopped being open. */
  readonly open: readonly (readonly [number, number])[];
  /** Distinct message ids it delivered to the application. */
  readonly received: IdRanges;
  /** Deliveries of an id it had delivered before. */
  readonly duplicates: number;
}

/** The verdict on one run: every message must reach every client connected when it was committed. */
export interface Completeness {
  readonly messages: number;
  /** (message, receiver) pairs that had to be delivered. */
  readonly expected: number;
  /** Distinct (message, receiver) pairs delivered, expected or not. */
  readonly delivered: number;
  readonly missing: number;
  readonly duplicates: number;
  /** Delivered to a client that was not connected at commit time (a resume caught it up): fine, not counted as expected. */
  readonly extra: number;
  /** A few missing pairs, to start looking with. */
  readonly missingSamples: readonly { readonly id: number; readonly receiver: string }[];
}

const SAMPLE_LIMIT = 10;

/** Checks deliveries by (message id, receiver) against who was connected when each message was committed. */
export function checkCompleteness(messages: readonly MessageRecord[], receivers: readonly ReceiverRecord[]): Completeness {
  let expected = 0;
  let expectedDelivered = 0;
  let delivered = 0;
  let duplicates = 0;
  const missingSamples: { id: number; receiver: string }[] = [];
  for (const receiver of receivers) {
    delivered += rangeCount(receiver.received);
    duplicates += receiver.duplicates;
    for (const message of messages) {
      if (!wasOpen(receiver.open, message.committedAt)) continue;
      expected++;
      if (inRanges(receiver.received, message.id)) expectedDelivered++;
      else if (missingSamples.length < SAMPLE_LIMIT) missingSamples.push({ id: message.id, receiver: receiver.name });
    }
  }
  return {
    messages: messages.length,
    expected,
    delivered,
    missing: expected - expectedDelivered,
    duplicates,
    extra: delivered - expectedDelivered,
    missingSamples,
  };
}

function wasOpen(intervals: readonly (readonly [number, number])[], at: number): boolean {
  return intervals.some(([from, to]) => from <= at && at <= to);
}
