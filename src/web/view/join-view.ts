import { checkRoom, checkUser, type TransportKind } from '../../protocol/plain.js';
import { DEFAULT_INTERVAL_MS } from '../link.js';
import { TRANSPORT_NAMES } from './choices.js';
import { el } from './dom.js';

/** What the form asks. */
export interface JoinChoice {
  readonly name: string;
  readonly room: string;
  readonly transport: TransportKind;
  readonly intervalMs: number;
}

/**
 * The form that asks a name (the one remembered, if any), a room and a transport; `problems` says
 * what went wrong before (a link's bad part, a name the server refused). Each field is checked
 * as the server would check it, and its error said next to it.
 */
export function joinView(initial: Partial<JoinChoice>, problems: readonly string[], onJoin: (choice: JoinChoice) => void): { element: HTMLElement; focus(): void } {
  const name = el('input', { id: 'name', name: 'name', autocomplete: 'nickname', maxlength: 64, required: true, value: initial.name, 'aria-describedby': 'name-error' });
  const room = el('input', { id: 'room', name: 'room', autocomplete: 'off', value: initial.room ?? 'lobby', 'aria-describedby': 'room-error' });
  const transport = el('select', { id: 'join-transport', name: 'transport' }, ...Object.entries(TRANSPORT_NAMES).map(([kind, label]) => el('option', { value: kind, text: label, selected: kind === (initial.transport ?? 'ws') })));
  const nameError = el('p', { id: 'name-error', className: 'error' });
  const roomError = el('p', { id: 'room-error', className: 'error' });
  const fail = (input: HTMLInputElement, where: HTMLElement, error: string | undefined): boolean => {
    where.textContent = error ?? '';
    input.toggleAttribute('aria-invalid', error !== undefined);
    return error === undefined;
  };
  const submit = (event: SubmitEvent): void => {
    event.preventDefault();
    const user = checkUser(name.value.trim());
    const where = checkRoom(room.value.trim());
    fail(room, roomError, where.ok ? undefined : where.error);
    if (!fail(name, nameError, user.ok ? undefined : user.error)) return name.focus();
    if (!user.ok || !where.ok) return room.focus();
    onJoin({ name: user.value, room: where.value, transport: transport.value as TransportKind, intervalMs: initial.intervalMs ?? DEFAULT_INTERVAL_MS });
  };
  const element = el(
    'form',
    { className: 'join', onsubmit: submit, 'aria-labelledby': 'join-title', novalidate: true },
    el('h1', { id: 'join-title', text: 'termchat' }),
    el('p', { className: 'lead', text: 'A chat that shows what each real-time transport costs. Pick a name, a room and a transport.' }),
    problems.length === 0 ? undefined : el('ul', { className: 'problems', role: 'alert' }, ...problems.map((problem) => el('li', { text: problem }))),
    el('label', { for: 'name', text: 'Your name' }),
    name,
    nameError,
    el('label', { for: 'room', text: 'Room' }),
    room,
    roomError,
    el('label', { for: 'join-transport', text: 'Transport' }),
    transport,
    el('button', { type: 'submit', text: 'Join' }),
  );
  return { element, focus: () => (name.value === '' ? name : element.querySelector('button')!).focus() };
}
