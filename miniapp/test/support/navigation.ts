import Taro from '@tarojs/taro';

/**
 * Records page changes instead of running them: Taro's h5 router is not started under
 * Jest, so a real navigateTo would fail. Returns the spy; its calls hold `{ url }`.
 */
export function captureNavigation() {
  return jest
    .spyOn(Taro, 'navigateTo')
    .mockImplementation(() => Promise.resolve({ errMsg: 'navigateTo:ok' }));
}
