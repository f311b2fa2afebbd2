// SVG element construction for the graph and model views, with the same guarantees as dom.ts: text only through
// textContent (node names, feature names and data values never become markup), attributes only through setAttr (which
// refuses event-handler names).
import { setAttr } from './dom.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Readonly<Record<string, string | number>> = {},
  ...children: Node[]
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) setAttr(element, name, String(value));
  element.append(...children);
  return element;
}

export function svgText(text: string, attrs: Readonly<Record<string, string | number>>): SVGTextElement {
  const element = svg('text', attrs);
  element.textContent = text;
  return element;
}

/** A native tooltip for an SVG shape. */
export function svgTitle(text: string): SVGTitleElement {
  const title = svg('title');
  title.textContent = text;
  return title;
}
