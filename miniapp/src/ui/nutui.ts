/**
 * The NutUI components the app uses, imported one by one from NutUI's ES build together
 * with their styles. The package index would pull in every component (and Lottie, which
 * touches a canvas when loaded), which weighs on the mini-program's package size.
 */
import './icon-tag';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/checkbox/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/radio/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/radiogroup/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/progress/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/tag/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/dialog/style/css';

export { default as Button } from '@nutui/nutui-react-taro/dist/es/packages/button';
export { default as Input } from '@nutui/nutui-react-taro/dist/es/packages/input';
export { default as TextArea } from '@nutui/nutui-react-taro/dist/es/packages/textarea';
export { default as Checkbox } from '@nutui/nutui-react-taro/dist/es/packages/checkbox';
export { default as Radio } from '@nutui/nutui-react-taro/dist/es/packages/radio';
export { default as Progress } from '@nutui/nutui-react-taro/dist/es/packages/progress';
export { default as Tag } from '@nutui/nutui-react-taro/dist/es/packages/tag';
export { default as Dialog } from '@nutui/nutui-react-taro/dist/es/packages/dialog';
