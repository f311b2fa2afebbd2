// SVG element construction with the same guarantees as dom.ts: text only through textContent, attributes only
// through setAttr (which refuses event-handler names).
import { setAttr } from '../dom.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Readonly<Record<string, string | number>> = {}, ...children: Node[]): SVGElementTagNameMap[K] {
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
