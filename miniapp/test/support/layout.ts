/**
 * jsdom lays nothing out, so every element measures 0. Gives the elements with `className`
 * the heights a browser would measure; `size` can be changed later, as after a resize.
 * Returns a function that restores jsdom's zero sizes.
 */
export function mockBoxSize(
  className: string,
  size: { scrollHeight: number; clientHeight: number },
): () => void {
  const prototype = HTMLElement.prototype;
  const originals = {
    scrollHeight: Object.getOwnPropertyDescriptor(Element.prototype, 'scrollHeight'),
    clientHeight: Object.getOwnPropertyDescriptor(Element.prototype, 'clientHeight'),
  };
  for (const property of ['scrollHeight', 'clientHeight'] as const) {
    Object.defineProperty(prototype, property, {
      configurable: true,
      get(this: HTMLElement) {
        return this.classList.contains(className) ? size[property] : 0;
      },
    });
  }
  return () => {
    for (const property of ['scrollHeight', 'clientHeight'] as const) {
      delete (prototype as unknown as Record<string, unknown>)[property];
      const original = originals[property];
      if (original) Object.defineProperty(Element.prototype, property, original);
    }
  };
}
