import type { WxStandIn } from './wx-stand-in';

/** The page object that WeChat passes to lifecycles as `this` (the j-component caller). */
export interface PageInstance {
  route?: string;
  onLoad(query: Record<string, string>): void;
  onShow(): void;
  onReady(): void;
  onHide(): void;
  onUnload(): void;
}

/** A node of the rendered tree, as j-component's querySelector returns it. */
interface SimulatedNode {
  dom: HTMLElement;
  dispatchEvent(name: string, options?: { detail?: Record<string, unknown> }): void;
}

/** The parts of j-component's rendered root component that the tests use. */
export interface SimulatedPage extends SimulatedNode {
  instance: PageInstance;
  attach(parent: HTMLElement): void;
  detach(): void;
  querySelector(selector: string): SimulatedNode | undefined;
}

const pollMs = 20;
const defaultTimeoutMs = 10_000;

function normalizeSpace(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** Tells whether an inline style hides the element, as NutUI hides a closed dialog. */
function isHidden(element: Element): boolean {
  return element instanceof window.HTMLElement && element.style.display === 'none';
}

/** Returns the text of `node` that is visible, leaving out text inside hidden elements. */
function visibleText(node: Node): string {
  if (node.nodeType === node.TEXT_NODE) return node.textContent ?? '';
  if (node instanceof window.Element && isHidden(node)) return '';
  return [...node.childNodes].map(visibleText).join('');
}

/** One opened page of the built mini-program, rendered by miniprogram-simulate. */
export class WeappPage {
  private readonly container: HTMLElement;

  constructor(
    readonly route: string,
    private readonly page: SimulatedPage,
    private readonly wx: WxStandIn,
  ) {
    this.container = document.createElement('div');
    document.body.appendChild(this.container);
    page.attach(this.container);
  }

  get instance(): PageInstance {
    return this.page.instance;
  }

  /** Returns the visible text, with runs of white space folded to one space. */
  text(): string {
    return normalizeSpace(visibleText(this.page.dom));
  }

  /** Runs onLoad, onShow and onReady, as WeChat does when it opens a page. */
  load(query: Record<string, string>): void {
    const instance = this.page.instance;
    instance.route = this.route;
    instance.onLoad(query);
    instance.onShow();
    instance.onReady();
  }

  hide(): void {
    this.page.instance.onHide();
  }

  unload(): void {
    this.page.instance.onUnload();
    this.page.detach();
    this.container.remove();
  }

  /** Waits until the page shows `text` and returns the whole page text. */
  async waitForText(text: string, timeoutMs = defaultTimeoutMs): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const pageText = this.text();
      if (pageText.includes(text)) return pageText;
      if (Date.now() > deadline)
        throw new Error(
          `page ${this.route} did not show "${text}" within ${timeoutMs} ms; it shows: ${pageText}`,
        );
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  /**
   * Waits until no wx.request is in flight and the page has rendered what the last
   * response changed. Use it before asserting that something did not happen.
   */
  async settle(): Promise<void> {
    do {
      await new Promise((resolve) => setTimeout(resolve, 50));
    } while (this.wx.requestsInFlight > 0);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  /** Taps the element that shows exactly `label`, with a touchstart and touchend as a finger would. */
  async tap(label: string): Promise<void> {
    const node = this.nodeOf(this.elementWithText(label), label);
    node.dispatchEvent('touchstart');
    node.dispatchEvent('touchend');
    await new Promise((resolve) => setTimeout(resolve, 0));
  }

  /** Types `value` into the input of the form field labelled `label`. */
  async input(label: string, value: string): Promise<void> {
    const labelElement = this.elementWithText(label);
    const field = labelElement.closest('[class~="main--form-field"]');
    const input = field?.querySelector('wx-input');
    if (!(input instanceof window.HTMLElement))
      throw new Error(`page ${this.route} has no input in the form field "${label}"`);
    this.nodeOf(input, label).dispatchEvent('input', {
      detail: { value, cursor: value.length, keyCode: 0 },
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
  }

  /** Returns the innermost visible element whose whole visible text is `label`. */
  private elementWithText(label: string): HTMLElement {
    const matches = [...this.page.dom.querySelectorAll('*')].filter(
      (element): element is HTMLElement =>
        element instanceof window.HTMLElement &&
        normalizeSpace(visibleText(element)) === label &&
        !this.isInsideHidden(element),
    );
    const innermost = matches.filter(
      (element) => !matches.some((other) => other !== element && element.contains(other)),
    );
    if (innermost.length !== 1)
      throw new Error(
        `page ${this.route} shows "${label}" ${innermost.length} times; it shows: ${this.text()}`,
      );
    return innermost[0] as HTMLElement;
  }

  private isInsideHidden(element: Element): boolean {
    for (let current: Element | null = element; current; current = current.parentElement) {
      if (isHidden(current)) return true;
      if (current === this.page.dom) return false;
    }
    return false;
  }

  /**
   * Returns the rendered node of `element`, which Taro's templates give the id data-sid.
   * NOTE: nodes inside Taro's recursive `comp` component (trees nested deeper than the
   * levels base.wxml unrolls) sit in another shadow tree, which this lookup does not reach.
   */
  private nodeOf(element: HTMLElement, label: string): SimulatedNode {
    const sid = element.closest('[data-sid]')?.getAttribute('data-sid');
    const node = sid ? this.page.querySelector(`#${sid}`) : undefined;
    if (!node) throw new Error(`page ${this.route}: no rendered node for "${label}"`);
    return node;
  }
}
