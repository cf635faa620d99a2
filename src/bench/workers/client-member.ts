import type { ChatClient, ConnectionState } from '../../transports/index.js';
import type { ReceiverRecord } from '../figures/completeness.js';
import { toRanges } from '../figures/ranges.js';

/** One client of a ClientFleet, with what it received and while when it was open. */
export interface Member {
  readonly name: string;
  readonly client: ChatClient;
  /** Closed open-intervals [from, to]. */
  readonly open: [number, number][];
  openSince: number | undefined;
  everOpened: boolean;
  readonly received: Set<number>;
  duplicates: number;
  /** Warm-up messages it received, by id. */
  readonly warm: Set<number>;
}

/** A member not yet open, that has received nothing. */
export function newMember(name: string, client: ChatClient): Member {
  return { name, client, open: [], openSince: undefined, everOpened: false, received: new Set(), duplicates: 0, warm: new Set() };
}

/** Notes a change of the member's state at `now`; true when it is the member's first open. */
export function noteState(member: Member, next: ConnectionState, previous: ConnectionState, now: number): boolean {
  if (next.status === 'open') {
    member.openSince = now;
    if (member.everOpened) return false;
    member.everOpened = true;
    return true;
  }
  if (previous.status === 'open' && member.openSince !== undefined) {
    member.open.push([member.openSince, now]);
    member.openSince = undefined;
  }
  return false;
}

/** The member as the completeness check reads it; an interval still open ends at `now`. */
export function receiverRecord(member: Member, now: number): ReceiverRecord {
  return {
    name: member.name,
    open: member.openSince === undefined ? member.open : [...member.open, [member.openSince, now]],
    received: toRanges(member.received),
    duplicates: member.duplicates,
  };
}
