/**
 * `@tarojs/taro` as the h5 build resolves it. The build's Babel plugin turns `Taro.request`
 * into a named import of Taro's h5 implementation; under Jest this module does the same
 * by putting every named h5 API on the default export.
 */
import * as h5 from '@tarojs/plugin-platform-h5/dist/runtime/apis';

const taro = Object.assign(Object.create(h5.default) as object, h5);
export default taro;
export * from '@tarojs/plugin-platform-h5/dist/runtime/apis';
