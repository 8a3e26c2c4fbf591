import { JSDOM } from 'jsdom';

/**
 * Gives the Node test environment the DOM that miniprogram-simulate renders into. The
 * backend under test needs Node's own globals (fetch, timers, Buffer), so the suite runs
 * in the node environment with a jsdom window added, not in Jest's jsdom environment.
 */
const { window } = new JSDOM('<!doctype html><html><head></head><body></body></html>', {
  pretendToBeVisual: true,
});

// Mongoose warns when it finds a window, taking it for Jest's jsdom environment. Here the
// window only serves the renderer, and the backend runs on Node's own globals.
process.env.SUPPRESS_JEST_WARNINGS = 'true';

const target = globalThis as unknown as Record<string, unknown>;
target.window = window;
target.document = window.document;

// j-component dispatches these events on jsdom elements, which accept only jsdom's own
// event classes, so they replace Node's CustomEvent.
target.CustomEvent = window.CustomEvent;
target.TouchEvent = window.TouchEvent;

for (const name of [
  'navigator',
  'Element',
  'HTMLElement',
  'Node',
  'Text',
  'Image',
  'getComputedStyle',
  'requestAnimationFrame',
  'cancelAnimationFrame',
] as const) {
  if (name in target) continue;
  const value: unknown = window[name];
  // Window methods such as getComputedStyle expect the window as `this`.
  target[name] = typeof value === 'function' && /^[a-z]/u.test(name) ? value.bind(window) : value;
}
