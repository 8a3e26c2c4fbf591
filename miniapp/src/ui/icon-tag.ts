/**
 * NutUI's icons (such as the spinner of a loading button) render an `<i>` element. The
 * website has one, but the mini-program build has no template for it, so WeChat would
 * leave the spinner out. Outside the website the icons render as a `view` instead.
 */
import { globalConfig } from '@nutui/icons-react-taro/dist/es/icons/internal.js';

if (process.env.TARO_ENV !== 'h5') globalConfig.tag = 'view';
