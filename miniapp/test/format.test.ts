import { formatDateTime } from '@/ui/format';

describe('formatDateTime', () => {
  const originalZone = process.env.TZ;
  afterEach(() => {
    process.env.TZ = originalZone;
  });

  test('shows Beijing time with its label in every language', () => {
    const iso = '2026-12-04T21:45:00.000Z';
    expect(formatDateTime(iso, 'zh-CN')).toBe('2026-12-05 05:45（北京时间）');
    expect(formatDateTime(iso, 'zh-HK')).toBe('2026-12-05 05:45（北京時間）');
    expect(formatDateTime(iso, 'en')).toBe('2026-12-05 05:45 (Beijing time)');
  });

  test('does not depend on the device time zone', () => {
    for (const zone of ['America/New_York', 'Europe/London', 'Asia/Tokyo', 'UTC']) {
      process.env.TZ = zone;
      expect(formatDateTime('2026-01-08T15:59:59.999Z', 'en')).toBe(
        '2026-01-08 23:59 (Beijing time)',
      );
    }
  });

  test('leaves a value that is not a date as it is', () => {
    expect(formatDateTime('soon', 'en')).toBe('soon');
  });
});
