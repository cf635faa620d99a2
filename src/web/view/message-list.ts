import type { ConversationEntry } from '../../ui/state/conversation.js';
import { el } from './dom.js';
import { entryRow } from './entry-row.js';

/** Entries per block: the unit drawn or folded away as it comes near the view or leaves it. */
const BLOCK = 50;
/** A row's height before any was measured, px. */
const FIRST_GUESS_PX = 24;
/** Within this of the bottom counts as at the bottom, px: new messages keep the view there. */
const NEAR_BOTTOM_PX = 8;

/** A run of BLOCK entries: drawn as rows while near the view, else an empty box of its height. */
interface Block {
  readonly element: HTMLElement;
  /** The entries it holds, as last drawn or counted. */
  entries: readonly ConversationEntry[];
  drawn: boolean;
}

/**
 * The conversation, drawing only what is near the view: entries go in blocks, and a block far from
 * the view is an empty box of the height it had (or of its rows at the average height, before it
 * was ever drawn), so a chat of 10,000 messages holds a few hundred rows in the page, not 10,000.
 * An IntersectionObserver says which blocks come near, without a scroll handler doing layout.
 * While the view is at the bottom, new messages keep it there; scrolled up, it stays put (the
 * browser's scroll anchoring holds it as blocks above change height).
 */
export class MessageList {
  readonly element: HTMLElement;
  readonly #content: HTMLElement;
  readonly #observer: IntersectionObserver;
  readonly #blocks: Block[] = [];
  readonly #byElement = new Map<Element, Block>();
  #first: number | undefined;
  #rowHeight = FIRST_GUESS_PX;
  #atBottom = true;
  readonly #onMoved: (atBottom: boolean) => void;

  /** `onMoved` hears whether the view is at the bottom when that changes (for a "latest" button). */
  constructor(onMoved: (atBottom: boolean) => void = () => {}) {
    this.#onMoved = onMoved;
    this.#content = el('div', { role: 'list', className: 'entries' });
    this.element = el('div', { className: 'messages', tabindex: 0, role: 'region', 'aria-label': 'Messages' }, this.#content);
    this.element.addEventListener('scroll', () => this.#noteScroll(), { passive: true });
    this.#observer = new IntersectionObserver((seen) => this.#onSeen(seen), { root: this.element, rootMargin: '100% 0px' });
  }

  /** Shows `entries` (the conversation, in order): new ones appended, changed ones redrawn where drawn. */
  update(entries: readonly ConversationEntry[]): void {
    const stick = this.#atBottom;
    // Trimmed from the front, cleared or begun anew: the blocks no longer line up; lay them out afresh.
    if (entries[0]?.seq !== this.#first) this.#clear();
    this.#first = entries[0]?.seq;
    for (let start = 0, index = 0; start < entries.length; start += BLOCK, index++) {
      const slice = entries.slice(start, start + BLOCK);
      const block = this.#blocks[index] ?? this.#addBlock();
      if (sameEntries(block.entries, slice)) continue;
      block.entries = slice;
      if (block.drawn) this.#draw(block);
      else block.element.style.height = `${slice.length * this.#rowHeight}px`;
    }
    const needed = Math.ceil(entries.length / BLOCK);
    for (const gone of this.#blocks.splice(needed)) {
      this.#observer.unobserve(gone.element);
      this.#byElement.delete(gone.element);
      gone.element.remove();
    }
    // The last block, with the newest messages, is drawn even before the observer sees it.
    const last = this.#blocks.at(-1);
    if (last !== undefined && !last.drawn) this.#draw(last);
    if (stick) this.scrollToEnd();
  }

  /** To the newest message. */
  scrollToEnd(): void {
    this.element.scrollTop = this.element.scrollHeight;
    this.#noteScroll();
  }

  /** Stops watching; the element may be thrown away. */
  dispose(): void {
    this.#observer.disconnect();
  }

  #addBlock(): Block {
    const block: Block = { element: el('div', { className: 'block', role: 'none' }), entries: [], drawn: false };
    this.#blocks.push(block);
    this.#byElement.set(block.element, block);
    this.#content.append(block.element);
    this.#observer.observe(block.element);
    return block;
  }

  #clear(): void {
    this.#observer.disconnect();
    this.#blocks.length = 0;
    this.#byElement.clear();
    this.#content.replaceChildren();
  }

  #draw(block: Block): void {
    block.element.style.height = '';
    block.element.replaceChildren(...block.entries.map(entryRow));
    block.drawn = true;
    // What rows really take, for the boxes of blocks never drawn.
    const height = block.element.offsetHeight;
    if (height > 0 && block.entries.length > 0) this.#rowHeight = (this.#rowHeight + height / block.entries.length) / 2;
  }

  /** A drawn block folds into a box of the height it had. */
  #fold(block: Block): void {
    const height = block.element.offsetHeight;
    block.element.style.height = `${height}px`;
    block.element.replaceChildren();
    block.drawn = false;
  }

  #onSeen(seen: readonly IntersectionObserverEntry[]): void {
    const last = this.#blocks.at(-1);
    for (const { target, isIntersecting } of seen) {
      const block = this.#byElement.get(target);
      if (block === undefined) continue;
      if (isIntersecting && !block.drawn) this.#draw(block);
      else if (!isIntersecting && block.drawn && block !== last) this.#fold(block);
    }
    if (this.#atBottom) this.scrollToEnd();
  }

  #noteScroll(): void {
    const { scrollTop, scrollHeight, clientHeight } = this.element;
    const atBottom = scrollHeight - scrollTop - clientHeight <= NEAR_BOTTOM_PX;
    if (atBottom === this.#atBottom) return;
    this.#atBottom = atBottom;
    this.#onMoved(atBottom);
  }
}

/** The same entries, object for object: entries are immutable, a change is a new object. */
function sameEntries(a: readonly ConversationEntry[], b: readonly ConversationEntry[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
