import type { TransportKind } from '../protocol/plain.js';
import type { ConnectionState } from '../transports/types.js';
import { checkAccess } from './access.js';
import { linkQuery, readLink } from './link.js';
import { ChatSession, type SessionHost } from './session.js';
import type { PageStorage } from './storage.js';
import { ChatView } from './view/chat-view.js';
import { joinView, type JoinChoice } from './view/join-view.js';
import { tokenView } from './view/token-view.js';

/** Where the page runs: its address, its storage and its browser. */
export interface PageEnv {
  readonly origin: string;
  readonly search: () => string;
  /** Replaces the address's query, for a link that says where the page is. */
  readonly replaceSearch: (search: string) => void;
  readonly storage: PageStorage;
  readonly host: SessionHost;
  readonly setTitle: (title: string) => void;
}

/**
 * Where the page is: asking a name (and room and transport), asking a token, or in the chat.
 * Changed in one place (`#go`), which takes down what the last step showed.
 */
type Step =
  | { readonly kind: 'join'; readonly problems: readonly string[]; readonly choice: Partial<JoinChoice> }
  | { readonly kind: 'token'; readonly problem: string; readonly choice: JoinChoice }
  | { readonly kind: 'chat'; readonly session: ChatSession; readonly choice: JoinChoice };

/** What a step shows. */
interface Shown {
  readonly element: HTMLElement;
  focus(): void;
  dispose?(): void;
}

/**
 * The page: a link `/?room=dev&transport=sse&as=Ann` opens straight into the chat; without `as`
 * it asks a name (offering the one remembered). A server that wants a token gets asked for one
 * (kept in the tab alone), a refused one says why.
 */
export class Page {
  readonly #root: HTMLElement;
  readonly #env: PageEnv;
  #step: Step | undefined;
  #shown: Shown | undefined;

  constructor(root: HTMLElement, env: PageEnv) {
    this.#root = root;
    this.#env = env;
  }

  start(): void {
    const link = readLink(this.#env.search());
    const choice = { room: link.room, transport: link.transport, intervalMs: link.intervalMs };
    const name = link.as ?? this.#env.storage.name();
    if (link.as !== undefined && link.problems.length === 0) return void this.#enter({ ...choice, name: link.as });
    this.#go({ kind: 'join', problems: link.problems, choice: { ...choice, ...(name === undefined ? {} : { name }) } });
  }

  /** Joins if the server lets the page in, else asks what it needs. */
  async #enter(choice: JoinChoice): Promise<void> {
    this.#env.storage.rememberName(choice.name);
    this.#moved(choice.room, choice.transport, choice.intervalMs);
    const token = this.#env.storage.token();
    const access = await checkAccess(this.#env.origin, choice.room, token);
    if (access.kind === 'token') return this.#go({ kind: 'token', problem: access.problem, choice });
    if (access.kind === 'refused') return this.#go({ kind: 'join', problems: [access.problem], choice });
    const session = new ChatSession({ server: this.#env.origin, room: choice.room, user: choice.name, transport: choice.transport, intervalMs: choice.intervalMs, token }, this.#env.host);
    this.#go({ kind: 'chat', session, choice });
    session.client.on('state', (next: ConnectionState) => this.#onState(session, next));
    session.connect();
  }

  /** A client that gives up for want of a token or a right goes back to the form that can fix it. */
  #onState(session: ChatSession, state: ConnectionState): void {
    const step = this.#step;
    if (step?.kind !== 'chat' || step.session !== session || state.status !== 'closed') return;
    if (state.cause === 'unauthorized') this.#go({ kind: 'token', problem: `The server refused the token: ${state.reason}`, choice: step.choice });
    else if (state.cause === 'forbidden') this.#go({ kind: 'join', problems: [`The server refused: ${state.reason}`], choice: step.choice });
  }

  #go(step: Step): void {
    const previous = this.#step;
    this.#step = step;
    this.#shown?.dispose?.();
    if (previous?.kind === 'chat' && previous.session !== (step.kind === 'chat' ? step.session : undefined)) previous.session.close();
    this.#shown = this.#show(step);
    this.#root.replaceChildren(this.#shown.element);
    this.#shown.focus();
    this.#env.setTitle(step.kind === 'chat' ? `#${step.choice.room} · ${step.choice.name} · termchat` : 'termchat');
  }

  #show(step: Step): Shown {
    switch (step.kind) {
      case 'join':
        return joinView(step.choice, step.problems, (choice) => void this.#enter(choice));
      case 'token':
        return tokenView(
          step.problem,
          (token) => {
            this.#env.storage.rememberToken(token);
            void this.#enter(step.choice);
          },
          () => this.#go({ kind: 'join', problems: [], choice: step.choice }),
        );
      case 'chat': {
        const view = new ChatView(step.session, {
          leave: () => this.#go({ kind: 'join', problems: [], choice: step.choice }),
          moved: (transport, intervalMs) => this.#moved(step.choice.room, transport, intervalMs),
        });
        return { element: view.element, focus: () => view.focus(), dispose: () => view.dispose() };
      }
    }
  }

  /** The address says where the page is, so that it can be shared as it is. */
  #moved(room: string, transport: TransportKind, intervalMs: number): void {
    this.#env.replaceSearch(linkQuery(this.#env.search(), room, transport, intervalMs));
  }
}
