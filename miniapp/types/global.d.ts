/// <reference types="@tarojs/taro" />

declare module '*.css';

/** API origin for the mini-program; empty on the website, which calls its own origin. */
declare const UCZ_API_BASE: string;

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5';
  }
}

/** NutUI's icon settings; the package ships no types for this module. */
declare module '@nutui/icons-react-taro/dist/es/icons/internal.js' {
  export const globalConfig: {
    useSvg: boolean;
    classPrefix: string;
    tag: string;
    fontClassName: string;
  };
}
