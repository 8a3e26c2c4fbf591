import '@testing-library/jest-dom';

// jsdom has no object URLs; the website uses them for image previews and downloads.
if (!URL.createObjectURL) URL.createObjectURL = () => 'blob:test';
if (!URL.revokeObjectURL) URL.revokeObjectURL = () => undefined;

/**
 * NutUI passes mini-program props (placeholderClass, catchMove, ariaLabel, ...) that React DOM
 * reports as unknown attributes, and its Dialog animates through react-transition-group,
 * which calls the deprecated findDOMNode. Both are harmless on the website, so these
 * warnings are dropped to keep real ones visible.
 */
const thirdPartyPropWarnings = [
  /React does not recognize the `(placeholderClass|catchMove)` prop/u,
  /Invalid ARIA attribute `aria[A-Z]/u,
  /findDOMNode is deprecated/u,
];
const originalError = console.error.bind(console);
console.error = (...args: unknown[]) => {
  // React passes a format string with %s placeholders and the values after it.
  const [format, ...values] = args.map(String);
  const text = (format ?? '').replace(/%s/gu, () => values.shift() ?? '');
  if (thirdPartyPropWarnings.some((pattern) => pattern.test(text))) return;
  originalError(...args);
};
