import { DELIVERY_MARK, formatClockTime } from '../../ui/format/entry-lines.js';
import { nickColour } from '../../ui/format/nick-colour.js';
import type { ConversationEntry, Delivery } from '../../ui/state/conversation.js';
import { el } from './dom.js';

/** What each delivery mark means, for a screen reader and a pointer's title. */
const DELIVERY_WORDS: Readonly<Record<Delivery, string>> = {
  pending: 'sending',
  sent: 'sent, not yet acknowledged',
  delivered: 'delivered',
  failed: 'not sent: the server refused it',
  unsent: 'not sent',
};

/**
 * One entry of the conversation as the terminal shows it: "HH:MM nick text ✓", a nick in the
 * colour it has there too, our own messages with their delivery mark, the client's own lines in
 * their tone. Names and texts are set as text: they came safe to show (the client cleaned them as
 * it decoded them), and are never read as HTML.
 */
export function entryRow(entry: ConversationEntry): HTMLElement {
  const time = el('time', { datetime: new Date(entry.at).toISOString(), text: formatClockTime(entry.at) });
  if (entry.kind === 'system') return el('div', { className: `row system tone-${entry.tone}`, role: 'listitem' }, time, ' ', el('span', { className: 'text', text: entry.text }));
  const mark = entry.delivery === undefined ? undefined : el('span', { className: `mark ${entry.delivery}`, title: DELIVERY_WORDS[entry.delivery], 'aria-label': DELIVERY_WORDS[entry.delivery], text: DELIVERY_MARK[entry.delivery] });
  return el(
    'div',
    { className: entry.own ? 'row message own' : 'row message', role: 'listitem' },
    time,
    ' ',
    el('span', { className: `nick nick-${nickColour(entry.user)}`, text: entry.user }),
    ' ',
    el('span', { className: 'text', text: entry.text }),
    mark === undefined ? undefined : ' ',
    mark,
  );
}
