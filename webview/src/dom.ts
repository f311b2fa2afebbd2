// Element construction that cannot inject markup: text goes through textContent, attributes through setAttribute with
// a fixed allow-list shape (no event-handler attributes). Nothing in the panel uses innerHTML.

export interface ElementOptions {
  readonly className?: string;
  readonly testId?: string;
  readonly text?: string;
  readonly attrs?: Readonly<Record<string, string>>;
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options?: ElementOptions,
  ...children: Node[]
): HTMLElementTagNameMap[K];
export function h(tag: string, options?: ElementOptions, ...children: Node[]): HTMLElement;
export function h(tag: string, options: ElementOptions = {}, ...children: Node[]): HTMLElement {
  const element = document.createElement(tag);
  if (options.className !== undefined) element.className = options.className;
  if (options.testId !== undefined) element.dataset['testid'] = options.testId;
  if (options.text !== undefined) element.textContent = options.text;
  for (const [name, value] of Object.entries(options.attrs ?? {})) setAttr(element, name, value);
  element.append(...children);
  return element;
}

/** setAttribute that refuses `on*` names, so no caller can turn data into a handler. */
export function setAttr(element: Element, name: string, value: string): void {
  if (/^on/i.test(name)) throw new Error(`refusing to set event-handler attribute ${name}`);
  if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}

/** Writes text only when it changed, so a refresh with the same data mutates nothing (no flicker, no reflow). */
export function setText(element: Node, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}

/** A codicon glyph from the page's codicon.css, hidden from screen readers (the text next to it says the same). */
export function codicon(name: string, extraClass = ''): HTMLSpanElement {
  const className = `codicon codicon-${name}${extraClass ? ` ${extraClass}` : ''}`;
  return h('span', { className, attrs: { 'aria-hidden': 'true' } });
}

export function setCodicon(icon: HTMLElement, name: string, extraClass = ''): void {
  const className = `codicon codicon-${name}${extraClass ? ` ${extraClass}` : ''}`;
  if (icon.className !== className) icon.className = className;
}

/**
 * Makes parent's children exactly `wanted`, in order, moving only nodes that are out of place. Nodes that stay put are
 * never detached, so a focused row keeps its focus across a refresh.
 */
export function syncChildren(parent: Element, wanted: readonly Node[]): void {
  let cursor = parent.firstChild;
  for (const node of wanted) {
    if (node === cursor) {
      cursor = cursor.nextSibling;
      continue;
    }
    parent.insertBefore(node, cursor);
  }
  while (cursor) {
    const next: ChildNode | null = cursor.nextSibling;
    cursor.remove();
    cursor = next;
  }
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
