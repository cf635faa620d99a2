import type { StatusView } from '../../ui/format/status.js';
import { el, setText } from './dom.js';

/** Figures a browser hides and the page estimates (wire/estimate.ts): marked ≈, and said so. */
const ESTIMATED: Readonly<Record<string, string>> = {
  tcp: 'estimated: a browser does not tell a page which requests share a connection',
  overhead: 'estimated: a browser hides the headers it adds, and those of streams and sockets',
};

/** Words for a screen reader where the status bar abbreviates. */
const SPOKEN: Readonly<Record<string, string>> = {
  'req/s': 'requests per second',
  tcp: 'TCP connections',
  overhead: 'overhead per message',
  ping: 'ping round trip',
  waste: 'polls that came back empty',
};

/**
 * The terminal's status bar, the same figures computed the same way (ui/format/status.ts over the
 * client's stats), in two lines: the connection, the transport and latency with its sparkline,
 * then ping, waste, req/s, tcp, overhead, reconnects and pending. Redrawn in place: only text
 * that changed is touched.
 */
export class StatusBar {
  readonly element: HTMLElement;
  readonly #connection = el('span', { className: 'connection' });
  readonly #transport = el('span', { className: 'transport' });
  readonly #latencyLabel = el('span', { className: 'label' });
  readonly #latency = el('span', { className: 'value' });
  readonly #spark = el('span', { className: 'spark', 'aria-hidden': 'true' });
  readonly #fields = el('div', { className: 'figures' });
  readonly #values = new Map<string, HTMLElement>();

  constructor() {
    this.element = el(
      'section',
      { className: 'status', 'aria-label': 'Connection and its costs' },
      el('div', { className: 'line' }, this.#connection, this.#transport, el('span', { className: 'field' }, this.#latencyLabel, ' ', this.#latency), this.#spark),
      this.#fields,
    );
  }

  render(view: StatusView): void {
    setText(this.#connection, `● ${view.connection.text}`);
    this.#connection.className = `connection tone-${view.connection.tone}`;
    setText(this.#transport, view.transport);
    setText(this.#latencyLabel, view.latency.label);
    setText(this.#latency, view.latency.value);
    setText(this.#spark, view.spark);
    for (const field of view.fields) {
      const value = this.#values.get(field.label) ?? this.#addField(field.label);
      setText(value, ESTIMATED[field.label] === undefined || field.value === '—' ? field.value : `≈${field.value}`);
      value.className = field.tone === undefined ? 'value' : `value tone-${field.tone}`;
    }
  }

  #addField(label: string): HTMLElement {
    const value = el('span', { className: 'value' });
    const title = ESTIMATED[label];
    const name = el('span', { className: 'label', text: label, ...(SPOKEN[label] === undefined ? {} : { 'aria-label': SPOKEN[label] }) });
    this.#fields.append(el('span', { className: 'field', 'data-field': label, ...(title === undefined ? {} : { title }) }, name, ' ', value));
    this.#values.set(label, value);
    return value;
  }
}
