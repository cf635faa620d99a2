import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../../src/transports/types.js';
import { conversationReducer, emptyConversation, MAX_ENTRIES, type ChatEntry, type ConversationAction, type ConversationState } from '../../../src/ui/state/conversation.js';
import { makeMessage } from '../fake-client.js';

const apply = (...actions: ConversationAction[]): ConversationState => actions.reduce(conversationReducer, emptyConversation);
const chats = (state: ConversationState): ChatEntry[] => state.entries.filter((e): e is ChatEntry => e.kind === 'chat');
const outbox = (patch: Partial<OutboxEntry> = {}): OutboxEntry => ({ clientId: 'c-1', text: 'hi', sentAt: 1000, status: 'pending', ...patch });

describe('conversation reducer', () => {
  it('shows a received message once, however often it arrives', () => {
    const message = makeMessage({ id: 7, user: 'bob', text: 'hello' });
    const state = apply({ type: 'received', message, self: 'alice' }, { type: 'received', message, self: 'alice' });
    expect(chats(state)).toHaveLength(1);
    expect(chats(state)[0]).toMatchObject({ id: 7, user: 'bob', text: 'hello', own: false });
    expect(state.lastId).toBe(7);
  });

  it('shows an own message at once as pending and marks it delivered on ack', () => {
    const sent = apply({ type: 'sent', entry: outbox(), user: 'alice' });
    expect(chats(sent)[0]).toMatchObject({ text: 'hi', own: true, delivery: 'pending', clientId: 'c-1' });
    const acked = conversationReducer(sent, { type: 'acked', entry: outbox({ id: 12, status: 'acked' }) });
    expect(chats(acked)[0]).toMatchObject({ delivery: 'delivered', id: 12 });
    expect(acked.pending.size).toBe(0);
  });

  it('does not show the echo of an own message a second time, whether it comes before or after the ack', () => {
    const echo = makeMessage({ id: 12, user: 'alice', text: 'hi', clientId: 'c-1' });
    const echoFirst = apply({ type: 'sent', entry: outbox(), user: 'alice' }, { type: 'received', message: echo, self: 'alice' }, { type: 'acked', entry: outbox({ id: 12, status: 'acked' }) });
    const ackFirst = apply({ type: 'sent', entry: outbox(), user: 'alice' }, { type: 'acked', entry: outbox({ id: 12, status: 'acked' }) }, { type: 'received', message: echo, self: 'alice' });
    for (const state of [echoFirst, ackFirst]) {
      expect(chats(state)).toHaveLength(1);
      expect(chats(state)[0]).toMatchObject({ delivery: 'delivered', id: 12 });
    }
  });

  it('marks a pending message sent when the outbox says it was written', () => {
    const state = apply({ type: 'sent', entry: outbox(), user: 'alice' }, { type: 'outbox', entries: [outbox({ status: 'sent' })] });
    expect(chats(state)[0]!.delivery).toBe('sent');
  });

  it('marks a refused message failed', () => {
    const state = apply({ type: 'sent', entry: outbox(), user: 'alice' }, { type: 'failed', entry: outbox({ status: 'failed' }) });
    expect(chats(state)[0]!.delivery).toBe('failed');
    expect(state.pending.size).toBe(0);
  });

  it('ignores a second sent action for the same clientId', () => {
    expect(chats(apply({ type: 'sent', entry: outbox(), user: 'alice' }, { type: 'sent', entry: outbox(), user: 'alice' }))).toHaveLength(1);
  });

  it('recognises own messages from earlier sessions by name', () => {
    const state = apply({ type: 'received', message: makeMessage({ id: 1, user: 'alice', text: 'old' }), self: 'alice' });
    expect(chats(state)[0]!.own).toBe(true);
    expect(chats(state)[0]!.delivery).toBeUndefined();
  });

  it('applies a batch of 10,000 messages in one pass', () => {
    const actions: ConversationAction[] = Array.from({ length: 10_000 }, (_, i) => ({ type: 'received', message: makeMessage({ id: i + 1, user: 'bob', text: `m${i}` }), self: 'alice' }));
    const started = performance.now();
    const state = conversationReducer(emptyConversation, { type: 'batch', actions });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(state.entries).toHaveLength(10_000);
    expect(state.entries.every((e, i) => i === 0 || e.seq > state.entries[i - 1]!.seq)).toBe(true);
  });

  it('keeps ids through /clear so nothing reappears', () => {
    const message = makeMessage({ id: 3, user: 'bob', text: 'x' });
    const state = apply({ type: 'received', message, self: 'a' }, { type: 'clear' }, { type: 'received', message, self: 'a' });
    expect(state.entries).toHaveLength(0);
  });

  it('forgets everything for another room', () => {
    const message = makeMessage({ id: 3, user: 'bob', text: 'x' });
    const state = apply({ type: 'received', message, self: 'a' }, { type: 'forget' }, { type: 'received', message, self: 'a' });
    expect(chats(state)).toHaveLength(1);
    expect(state.lastId).toBe(3);
  });

  it('on a history reset clears what was shown, forgets ids and keeps undelivered sends below the notice', () => {
    const state = apply(
      { type: 'received', message: makeMessage({ id: 5, user: 'bob', text: 'before' }), self: 'alice' },
      { type: 'sent', entry: outbox(), user: 'alice' },
      { type: 'historyReset', text: 'history reset', at: 2000 },
      { type: 'received', message: makeMessage({ id: 5, user: 'carol', text: 'after' }), self: 'alice' },
      { type: 'acked', entry: outbox({ id: 6, status: 'acked' }) },
    );
    expect(state.entries.map((e) => e.text)).toEqual(['history reset', 'hi', 'after']);
    expect(chats(state)[0]).toMatchObject({ text: 'hi', delivery: 'delivered', id: 6 });
    expect(state.entries.every((e, i) => i === 0 || e.seq > state.entries[i - 1]!.seq)).toBe(true);
  });

  it('marks undelivered messages unsent when their client is replaced', () => {
    const state = apply({ type: 'sent', entry: outbox(), user: 'alice' }, { type: 'abandonPending' }, { type: 'acked', entry: outbox({ id: 9 }) });
    expect(chats(state)[0]!.delivery).toBe('unsent');
  });

  it('appends system lines', () => {
    const state = apply({ type: 'system', text: 'bob joined (ws)', tone: 'muted', at: 1 });
    expect(state.entries[0]).toMatchObject({ kind: 'system', text: 'bob joined (ws)', tone: 'muted' });
  });

  it('drops the oldest entries beyond the cap', () => {
    const actions: ConversationAction[] = Array.from({ length: MAX_ENTRIES + 5 }, (_, i) => ({ type: 'system', text: `s${i}`, tone: 'info', at: i }));
    const state = conversationReducer(emptyConversation, { type: 'batch', actions });
    expect(state.entries).toHaveLength(MAX_ENTRIES);
    expect(state.entries[0]!.text).toBe('s5');
  });
});
