import path from 'node:path';
import { load, render } from 'miniprogram-simulate';
import { WeappPage } from './weapp-page';
import type { PageInstance, SimulatedPage } from './weapp-page';
import { assertWeappBuilt, weappDir } from './weapp-build';
import { WxStandIn } from './wx-stand-in';

type Options = Record<string, unknown>;
type Constructor = (options: Options) => void;

/** The global names that WeChat gives every script of a mini-program. */
interface MiniProgramGlobals {
  wx: Record<string, unknown>;
  App: Constructor;
  Page: Constructor;
  Component: Constructor;
  getApp: () => Options | undefined;
  getCurrentPages: () => PageInstance[];
}

// wcc prints the compiled WXML of the whole build (about 190 KB in December 2026). The
// limit is raised from miniprogram-compiler's 1 MiB so a growing build does not hit it.
const compilerOptions = { maxBuffer: 16 * 1024 * 1024 };

/**
 * Turns the options of a Taro page (`Page(createPageConfig(...))`) into a custom
 * component, the only kind miniprogram-simulate renders. The lifecycle functions become
 * methods that WeappPage calls in WeChat's order. So does `eh`, Taro's event handler, which
 * the templates bind every event to.
 */
function pageAsComponent(options: Options): Options {
  const methods: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(options))
    if (typeof value === 'function') methods[name] = value;
  return { data: options.data, methods };
}

/**
 * Runs the built mini-program the way WeChat does: one JavaScript context for the app and
 * its pages, app.js first (it loads Taro's runtime chunks and calls App), then each page
 * when it opens. Pages render through the build's own WXML, compiled by WeChat's wcc.
 */
export class WeappRuntime {
  readonly wx = new WxStandIn();
  /** Warnings of WeChat's WXML runtime, such as a node whose template the build lacks. */
  readonly wxmlWarnings: string[] = [];
  private readonly stack: WeappPage[] = [];
  private readonly componentIds = new Map<string, string>();
  private app: Options | undefined;

  /** Installs the mini-program globals and runs app.js with its launch lifecycles. */
  start(): void {
    assertWeappBuilt();
    const globals = globalThis as unknown as MiniProgramGlobals;
    this.wx.install(globals.wx);
    globals.App = (options) => {
      this.app = options;
    };
    globals.getApp = () => this.app;
    globals.getCurrentPages = () => this.stack.map((page) => page.instance);
    globals.Page = (options) => globals.Component(pageAsComponent(options));
    this.collectWxmlWarnings();

    // Jest's require runs the build in this test's global context, where `wx` is.
    jest.requireActual(path.join(weappDir, 'app.js'));
    const app = this.app;
    if (!app) throw new Error(`${path.join(weappDir, 'app.js')} did not call App()`);
    const launch = { path: 'pages/index/index', query: {}, scene: 1001 };
    (app.onLaunch as (options: unknown) => void).call(app, launch);
    (app.onShow as (options: unknown) => void).call(app, launch);
  }

  /**
   * Opens `route` (such as `pages/scan-login/index`) with the launch query that WeChat
   * would pass to onLoad, on top of the open pages.
   */
  open(route: string, query: Record<string, string> = {}): WeappPage {
    const normalized = route.replace(/^\//u, '');
    this.stack.at(-1)?.hide();
    const page = new WeappPage(normalized, this.render(normalized), this.wx);
    this.stack.push(page);
    page.load(query);
    return page;
  }

  /** Opens the page of a recorded wx.navigateTo or wx.redirectTo URL. */
  follow(url: string): WeappPage {
    const [route = '', search = ''] = url.split('?');
    return this.open(route, Object.fromEntries(new URLSearchParams(search)));
  }

  /** Unloads every open page, newest first. */
  closeAll(): void {
    for (let page = this.stack.pop(); page; page = this.stack.pop()) page.unload();
  }

  /**
   * Keeps the WXML runtime's warnings for the test instead of printing them: Jest would
   * print each with a frame of the minified chunk that triggered it.
   */
  private collectWxmlWarnings(): void {
    const warn = console.warn.bind(console);
    console.warn = (...args: unknown[]) => {
      const [message] = args;
      if (typeof message === 'string' && message.startsWith('WXMLRT_')) {
        this.wxmlWarnings.push(message);
        return;
      }
      warn(...args);
    };
  }

  private render(route: string): SimulatedPage {
    let id = this.componentIds.get(route);
    if (!id) {
      // The page script runs once per context, as in WeChat, so each page is loaded once
      // and rendered anew for each opening.
      id = load(path.join(weappDir, route), { rootPath: weappDir, compilerOptions });
      this.componentIds.set(route, id);
    }
    return render(id) as unknown as SimulatedPage;
  }
}
