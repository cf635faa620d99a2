import type { TransportKind } from '../../protocol/plain.js';
import { onlineUsers } from '../../ui/format/online.js';
import { statusView } from '../../ui/format/status.js';
import type { ConversationEntry } from '../../ui/state/conversation.js';
import { typingLabel } from '../../ui/state/typing.js';
import type { ConnectionState } from '../../transports/types.js';
import type { ChatSession, SessionPart } from '../session.js';
import { intervalChoices, intervalLabel, TRANSPORT_NAMES } from './choices.js';
import { el, setText } from './dom.js';
import { MessageList } from './message-list.js';
import { StatusBar } from './status-bar.js';

/** How often a countdown is redrawn while it runs, ms: it shows tenths of a second. */
const COUNTDOWN_MS = 100;

/** What the chat asks of the page around it. */
export interface ChatActions {
  /** Back to the form: another name or room. */
  leave(): void;
  /** The URL should say where the page is now (room, transport, interval). */
  moved(transport: TransportKind, intervalMs: number): void;
}

/**
 * The chat: a header (room, who you are, the transport picker, who is online), the conversation,
 * who is typing, the message box (Enter sends, Shift+Enter a new line) and the status bar. It
 * redraws each part when the session says it changed, at most once a frame; its only timers are a
 * countdown's while the client waits to reconnect, so an idle chat wakes only when its transport does.
 */
export class ChatView {
  readonly element: HTMLElement;
  readonly #session: ChatSession;
  readonly #list: MessageList;
  readonly #status = new StatusBar();
  readonly #online = el('ul', { className: 'online', 'aria-label': 'Online' });
  readonly #onlineCount = el('span', { className: 'count' });
  readonly #typing = el('p', { className: 'typing' });
  readonly #announcer = el('div', { className: 'sr-only', role: 'status', 'aria-live': 'polite' });
  readonly #input: HTMLTextAreaElement;
  readonly #latest: HTMLButtonElement;
  readonly #interval: HTMLSelectElement;
  readonly #dirty = new Set<SessionPart>();
  #frame: number | undefined;
  #tick: ReturnType<typeof setTimeout> | undefined;
  /** The last entry the announcer has looked at. */
  #announced = 0;
  readonly #unsubscribe: () => void;

  constructor(session: ChatSession, actions: ChatActions) {
    this.#session = session;
    const { client, settings } = session;
    this.#latest = el('button', { type: 'button', className: 'latest', hidden: true, text: 'latest ↓', onclick: () => this.#list.scrollToEnd() });
    this.#list = new MessageList((atBottom) => (this.#latest.hidden = atBottom));
    const picker = el(
      'select',
      { id: 'transport', onchange: (event: Event) => this.#switch((event.target as HTMLSelectElement).value as TransportKind, actions) },
      ...Object.entries(TRANSPORT_NAMES).map(([kind, name]) => el('option', { value: kind, text: name, selected: kind === settings.transport })),
    );
    this.#interval = el(
      'select',
      { id: 'interval', onchange: (event: Event) => this.#setInterval(Number((event.target as HTMLSelectElement).value), actions) },
      ...intervalChoices(session.intervalMs).map((ms) => el('option', { value: ms, text: intervalLabel(ms), selected: ms === session.intervalMs })),
    );
    this.#input = el('textarea', { id: 'message', rows: 1, enterkeyhint: 'send', autocomplete: 'off', placeholder: `Message #${settings.room}`, oninput: () => session.typing(), onkeydown: (event: KeyboardEvent) => this.#onKey(event) });
    const composer = el(
      'form',
      { className: 'composer', onsubmit: (event: SubmitEvent) => this.#submit(event) },
      el('label', { for: 'message', className: 'sr-only', text: 'Message' }),
      this.#input,
      el('button', { type: 'submit', text: 'Send' }),
    );
    const header = el(
      'header',
      {},
      el('h1', {}, el('span', { className: 'room', text: `#${settings.room}` }), ' ', el('span', { className: 'you', text: settings.user })),
      el('div', { className: 'controls' }, el('label', { for: 'transport', text: 'transport' }), picker, el('span', { className: 'interval-choice' }, el('label', { for: 'interval', text: 'every' }), this.#interval), el('button', { type: 'button', className: 'leave', text: 'leave', onclick: () => actions.leave() })),
      el('div', { className: 'who' }, this.#onlineCount, this.#online),
    );
    this.element = el('div', { className: 'chat' }, header, el('main', {}, this.#list.element, this.#latest), this.#typing, composer, this.#status.element, this.#announcer);
    this.#showInterval(settings.transport);
    const onState = (next: ConnectionState): void => setText(this.#announcer, spokenState(next));
    client.on('state', onState);
    const unsubscribe = session.subscribe((part) => this.#invalidate(part));
    this.#unsubscribe = () => {
      unsubscribe();
      client.off('state', onState);
    };
    for (const part of ['conversation', 'typing', 'online', 'status'] as const) this.#invalidate(part);
  }

  /** The message box takes the keyboard. */
  focus(): void {
    this.#input.focus();
  }

  dispose(): void {
    this.#unsubscribe();
    this.#list.dispose();
    if (this.#frame !== undefined) cancelAnimationFrame(this.#frame);
    if (this.#tick !== undefined) clearTimeout(this.#tick);
  }

  /** A part changed: drawn at the next frame, with everything else that changed by then. */
  #invalidate(part: SessionPart): void {
    this.#dirty.add(part);
    this.#frame ??= requestAnimationFrame(() => {
      this.#frame = undefined;
      this.#draw();
    });
  }

  #draw(): void {
    const session = this.#session;
    const parts = new Set(this.#dirty);
    this.#dirty.clear();
    if (parts.has('conversation')) {
      const { entries } = session.conversation;
      this.#list.update(entries);
      this.#announce(entries);
    }
    if (parts.has('typing')) setText(this.#typing, typingLabel(session.typingUsers));
    if (parts.has('online')) this.#drawOnline();
    if (parts.has('status')) this.#drawStatus();
  }

  /** The newest message of someone else since the last frame, said by a screen reader: one a frame, however many came. */
  #announce(entries: readonly ConversationEntry[]): void {
    const seen = this.#announced;
    this.#announced = entries.at(-1)?.seq ?? seen;
    for (let i = entries.length - 1; i >= 0 && entries[i]!.seq > seen; i--) {
      const entry = entries[i]!;
      if (entry.kind === 'chat' && !entry.own) return setText(this.#announcer, `${entry.user}: ${entry.text}`);
    }
  }

  #drawOnline(): void {
    const users = onlineUsers(this.#session.client.online);
    setText(this.#onlineCount, `online ${users.length}`);
    this.#online.replaceChildren(...users.map(({ user, transports }) => el('li', {}, el('span', { className: 'name', text: user }), ' ', el('span', { className: 'via', text: transports.join(', ') }))));
  }

  #drawStatus(): void {
    const { client, clock } = this.#session;
    const state = client.state;
    const view = statusView({ state, stats: client.stats(), choice: client.transport ?? this.#session.settings.transport, transport: client.transport, now: clock.now() });
    this.#status.render(view);
    if (this.#tick !== undefined) clearTimeout(this.#tick);
    this.#tick = undefined;
    // A countdown moves by itself; nothing else on the bar does.
    if (state.status === 'reconnecting') this.#tick = setTimeout(() => this.#invalidate('status'), COUNTDOWN_MS);
  }

  #switch(kind: TransportKind, actions: ChatActions): void {
    this.#session.switchTransport(kind);
    this.#showInterval(kind);
    actions.moved(kind, this.#session.intervalMs);
    this.#invalidate('status');
  }

  #setInterval(ms: number, actions: ChatActions): void {
    this.#session.setInterval(ms);
    actions.moved(this.#session.client.transport ?? 'poll', ms);
  }

  /** The interval matters to a short poll alone. */
  #showInterval(kind: TransportKind): void {
    (this.#interval.parentElement ?? this.#interval).hidden = kind !== 'poll';
  }

  #onKey(event: KeyboardEvent): void {
    // Enter sends; Shift+Enter is a new line, and Enter that ends an input method's composition is neither.
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    this.#input.form?.requestSubmit();
  }

  #submit(event: SubmitEvent): void {
    event.preventDefault();
    const text = this.#input.value;
    if (text.trim() === '') return;
    this.#session.send(text);
    this.#input.value = '';
    this.#list.scrollToEnd();
  }
}

/** A state change as a screen reader says it. */
function spokenState(state: ConnectionState): string {
  switch (state.status) {
    case 'open':
      return `connected via ${state.transport}`;
    case 'reconnecting':
      return `connection lost; reconnecting, attempt ${state.attempt}`;
    case 'closed':
      return `connection closed: ${state.reason}`;
    case 'connecting':
    case 'idle':
      return '';
  }
}
