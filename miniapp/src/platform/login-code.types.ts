/** Source of the wx.login codes that the mini-program pages send. */
export interface LoginCodeSource {
  /**
   * True on the website, where no WeChat exists: codes come from the simulator's fake
   * WeChat for the simulated user that the tester picked.
   */
  simulated: boolean;
  /** Returns a fresh wx.login code. The server accepts each code once. */
  getLoginCode: () => Promise<string>;
}
