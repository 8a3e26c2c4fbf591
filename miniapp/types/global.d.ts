/// <reference types="@tarojs/taro" />

declare module '*.css';

/** API origin for the mini-program; empty on the website, which calls its own origin. */
declare const UCZ_API_BASE: string;

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5';
  }
}
