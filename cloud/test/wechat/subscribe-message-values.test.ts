import {
  cutText,
  fitSubscribeValue,
  formatWechatAmount,
  formatWechatTime,
} from '../../src/modules/wechat/subscribe-message-values';
import { isValidSubscribeValue } from '../../src/simulator/fake-wechat/subscribe-field-rules';

const zone = 'Asia/Shanghai';

describe('subscribe message values', () => {
  it('cuts thing values to 20 characters with an ellipsis', () => {
    expect(fitSubscribeValue('thing4', '短文本', zone)).toBe('短文本');
    const cut = fitSubscribeValue('thing4', '一二三四五六七八九十一二三四五六七八九十一', zone);
    expect(Array.from(cut)).toHaveLength(20);
    expect(cut.endsWith('…')).toBe(true);
    expect(fitSubscribeValue('thing1', '  two   words\nhere ', zone)).toBe('two words here');
    expect(fitSubscribeValue('thing1', '   ', zone)).toBe('-');
  });

  it('counts characters, not UTF-16 units', () => {
    expect(cutText('😀'.repeat(20), 20)).toBe('😀'.repeat(20));
    expect(Array.from(cutText('😀'.repeat(21), 20))).toHaveLength(20);
  });

  it('keeps character_string, number, letter and symbol within their character sets', () => {
    expect(fitSubscribeValue('character_string1', 'UCZ-2026 编号 0001', zone)).toBe('UCZ-20260001');
    expect(fitSubscribeValue('character_string1', 'x'.repeat(40), zone)).toHaveLength(32);
    expect(fitSubscribeValue('number2', '¥1,234.50', zone)).toBe('1234.50');
    expect(fitSubscribeValue('letter3', 'ab1c', zone)).toBe('abc');
    expect(fitSubscribeValue('symbol4', 'a+b-c*d/e=f', zone)).toBe('+-*/=');
  });

  it('keeps names of at most 10 Chinese characters or 20 letters', () => {
    expect(fitSubscribeValue('name1', '欧阳建国欧阳建国欧阳建国', zone)).toBe(
      '欧阳建国欧阳建国欧阳',
    );
    expect(fitSubscribeValue('name1', 'Chan Tai Man Christopher', zone)).toBe(
      'Chan Tai Man Christo',
    );
  });

  it('takes phrases only as fixed Chinese words of at most 5 characters', () => {
    expect(fitSubscribeValue('phrase2', '审核通过', zone)).toBe('审核通过');
    expect(() => fitSubscribeValue('phrase2', 'approved', zone)).toThrow(/phrase2/u);
    expect(() => fitSubscribeValue('phrase2', '审核已经通过了', zone)).toThrow(/phrase2/u);
  });

  it('formats times in the business time zone', () => {
    expect(formatWechatTime(new Date('2026-12-04T07:01:00Z'), zone)).toBe('2026年12月4日 15:01');
    expect(fitSubscribeValue('time3', new Date('2026-01-31T16:05:00Z'), zone)).toBe(
      '2026年2月1日 00:05',
    );
    expect(() => fitSubscribeValue('thing1', new Date(), zone)).toThrow(/does not take a date/u);
  });

  it('formats amounts in yuan', () => {
    expect(formatWechatAmount(12000)).toBe('¥120.00');
  });

  it('produces values that the fake WeChat accepts', () => {
    const samples: [string, string | Date][] = [
      ['thing4', '一二三四五六七八九十一二三四五六七八九十一'],
      ['character_string1', 'UCZ-2026 编号 0001'],
      ['phrase2', '审核驳回'],
      ['time3', new Date('2026-12-04T07:01:00Z')],
      ['name1', 'Chan Tai Man Christopher'],
      ['number2', '¥1,234.50'],
      ['symbol4', 'a+b-c*d/e=f'],
    ];
    for (const [key, value] of samples) {
      expect([key, isValidSubscribeValue(key, fitSubscribeValue(key, value, zone))]).toEqual([
        key,
        true,
      ]);
    }
    expect(isValidSubscribeValue('thing4', '一二三四五六七八九十一二三四五六七八九十一')).toBe(
      false,
    );
  });
});
