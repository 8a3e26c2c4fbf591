import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';

// Webpack may see the workspace through its node_modules symlink or at its real path.
const sharedSources = [
  path.resolve(__dirname, '..', '..', 'shared', 'src'),
  path.resolve(__dirname, '..', '..', 'node_modules', '@ucz', 'shared', 'src'),
];

/**
 * Base URL of the API for the mini-program, which cannot use relative URLs. The website
 * is served by the backend itself and calls `/api` on its own origin.
 */
const weappApiBase = process.env.UCZ_API_BASE ?? 'http://127.0.0.1:3000';

// Browserslist only warns about an old caniuse-lite; nothing here may update it over the network.
process.env.BROWSERSLIST_IGNORE_OLD_DATA = '1';

/** Taro build configuration for the mini-program (weapp) and the website (h5). */
export default defineConfig<'webpack5'>(async () => {
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'unified-customer-zone',
    date: '2026-1-1',
    // NutUI and our own styles are written in px for a 375 px wide phone; the weapp build
    // turns px into rpx (x2), the website keeps px so it also reads well on a desktop.
    designWidth: 375,
    deviceRatio: { 375: 2, 640: 2.34 / 2, 750: 1, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // UCZ_BUILD_DIR (relative to miniapp/) lets a second build run beside the usual one.
    outputRoot: process.env.UCZ_BUILD_DIR ?? `dist/${process.env.TARO_ENV ?? 'h5'}`,
    plugins: [],
    defineConstants: {
      UCZ_API_BASE: JSON.stringify(process.env.TARO_ENV === 'h5' ? '' : weappApiBase),
    },
    alias: {
      '@': path.resolve(__dirname, '..', 'src'),
    },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    logger: { quiet: false, stats: false },
    mini: {
      // The shared workspace ships TypeScript source; compile it like our own.
      compile: { include: sharedSources },
      // Page styles are independent, so the order of CSS chunks across pages does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      compile: { include: sharedSources },
      webpackChain(chain) {
        // Taro splits only the initial chunks, so every page chunk, loaded when its page
        // opens, would carry its own copy of NutUI, zod and the catalogues. Splitting the
        // page chunks too moves what pages share into chunks of their own.
        chain.optimization.splitChunks({
          ...(chain.optimization.get('splitChunks') as object),
          chunks: 'all',
        });
      },
      publicPath: '/',
      staticDirectory: 'static',
      // React implementations of Taro's components, the same ones the Jest tests render.
      useHtmlComponents: true,
      router: {
        mode: 'browser',
        customRoutes: {
          '/pages/index/index': '/',
          '/pages/certification/index': '/certification',
          '/pages/progress/index': '/progress',
          '/pages/login/index': '/login',
          '/pages/wechat-login/index': '/wechat-login',
          '/pages/forgot-password/index': '/forgot-password',
          '/pages/activate/index': '/activate',
          '/pages/account/index': '/account',
          '/pages/company-admin/index': '/company-admin',
          '/pages/review/index': '/review',
          '/pages/applications/index': '/applications',
          '/pages/notifications/index': '/notifications',
        },
      },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        pxtransform: { enable: false, config: {} },
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
  };
  return config;
});
