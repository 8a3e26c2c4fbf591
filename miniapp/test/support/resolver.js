/**
 * Resolves `@tarojs/components` to Taro's React implementations, as the h5 build does
 * with `useHtmlComponents`. Inside those implementations the same import would resolve to
 * their own index and form a require cycle that CommonJS cannot settle, so there it
 * resolves to the Stencil wrappers instead (used only by the unimplemented Refresher).
 */
module.exports = (request, options) => {
  if (request === '@tarojs/components') {
    const fromReactImplementation = options.basedir.includes(`${'@tarojs'}/components-react`);
    const target = fromReactImplementation
      ? '@tarojs/components/lib/react'
      : '@tarojs/components-react';
    return options.defaultResolver(target, options);
  }
  return options.defaultResolver(request, options);
};
