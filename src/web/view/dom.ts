/** Attributes of an element: `className`, `text` (its text content), event handlers (`onclick`) and any attribute by name. */
export type Props = Readonly<Record<string, string | number | boolean | undefined | ((event: never) => void)>> & { readonly text?: string };

/**
 * An element with its attributes and children. Text always goes in as text (textContent, text
 * nodes), never as HTML: what the server sends is shown, never run.
 */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: readonly (Node | string | undefined)[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (key === 'text') element.textContent = String(value);
    else if (key === 'className') element.className = String(value);
    else if (typeof value === 'function') element.addEventListener(key.slice(2), value as EventListener);
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== undefined) element.append(child);
  return element;
}

/** Sets an element's text when it changed: a status bar redrawn many times a second touches only what moved. */
export function setText(element: Node, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}
