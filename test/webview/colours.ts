// What colours an element really shows in the page: its text colour and the background behind it (its own and its
// ancestors' composited down to the page's), and the WCAG contrast between the two. For web components the colours
// are read from the part that paints them (`.root` in the shadow DOM of vscode-elements).
import type { Locator } from 'playwright-core';

export interface ShownColours {
  /** "rgb(r, g, b)" after compositing. */
  readonly text: string;
  readonly background: string;
  /** WCAG 2 contrast ratio, 1..21. */
  readonly contrast: number;
}

export async function shownColours(locator: Locator): Promise<ShownColours> {
  return locator.evaluate((element) => {
    type Rgba = [number, number, number, number];
    const parse = (value: string): Rgba => {
      const srgb = /^color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)(?: \/ ([\d.e-]+))?\)$/.exec(value);
      if (srgb)
        return [
          Number(srgb[1]) * 255,
          Number(srgb[2]) * 255,
          Number(srgb[3]) * 255,
          srgb[4] === undefined ? 1 : Number(srgb[4]),
        ];
      const rgb = /^rgba?\(([^)]+)\)$/.exec(value);
      if (!rgb?.[1]) throw new Error(`unreadable colour ${value}`);
      const parts = rgb[1]
        .split(/[\s,/]+/)
        .filter((p) => p !== '')
        .map(Number);
      return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
    };
    const over = (top: Rgba, below: Rgba): Rgba => {
      const a = top[3] + below[3] * (1 - top[3]);
      if (a === 0) return [0, 0, 0, 0];
      const mix = (i: 0 | 1 | 2): number => (top[i] * top[3] + below[i] * below[3] * (1 - top[3])) / a;
      return [mix(0), mix(1), mix(2), a];
    };
    const painter = (e: Element): Element => e.shadowRoot?.querySelector('.root') ?? e;
    // Backgrounds from the page up to the element, each laid over the ones below it.
    const chain: Element[] = [];
    for (let e: Element | null = element; e; e = e.parentElement) chain.unshift(e);
    let background: Rgba = [255, 255, 255, 1];
    for (const e of chain) background = over(parse(getComputedStyle(painter(e)).backgroundColor), background);
    const text = over(parse(getComputedStyle(painter(element)).color), background);
    const luminance = (c: Rgba): number => {
      const channel = (v: number): number => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]);
    };
    const [hi, lo] = [luminance(text), luminance(background)].sort((a, b) => b - a) as [number, number];
    const css = (c: Rgba): string => `rgb(${Math.round(c[0])}, ${Math.round(c[1])}, ${Math.round(c[2])})`;
    return { text: css(text), background: css(background), contrast: (hi + 0.05) / (lo + 0.05) };
  });
}
