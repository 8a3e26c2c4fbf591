import { createLogger } from '../../src/logger';
import { DeliveryError } from '../../src/modules/notifications/delivery-error';
import { createSmsSink } from '../../src/simulator/sms-sink';

const logger = createLogger('silent');

describe('SMS sink', () => {
  it('stores messages in arrival order', async () => {
    const sink = createSmsSink(logger);
    await sink.send({ to: '+85291234567', text: '验证码 123456' });
    await sink.send({ to: '+8613800138000', text: 'second' });

    const stored = sink.messages();
    expect(stored.map((sms) => [sms.to, sms.text])).toEqual([
      ['+85291234567', '验证码 123456'],
      ['+8613800138000', 'second'],
    ]);
    expect(stored[0]?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(stored[0]?.receivedAt).toBeInstanceOf(Date);
  });

  it('waitFor resolves on a later message and rejects on timeout', async () => {
    const sink = createSmsSink(logger);
    const pending = sink.waitFor((sms) => sms.to === '+85291234567', 1000);
    await sink.send({ to: '+85291234567', text: 'hello' });
    await expect(pending).resolves.toMatchObject({ text: 'hello' });

    await expect(sink.waitFor((sms) => sms.to === '+85200000000', 30)).rejects.toThrow(
      'No matching SMS',
    );
  });

  it('fails temporarily while failing and stores nothing', async () => {
    const sink = createSmsSink(logger);
    sink.setFailing(true);
    const failure = await sink.send({ to: '+85291234567', text: 'x' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DeliveryError);
    expect((failure as DeliveryError).permanent).toBe(false);
    expect(sink.messages()).toHaveLength(0);

    sink.setFailing(false);
    await sink.send({ to: '+85291234567', text: 'x' });
    expect(sink.messages()).toHaveLength(1);
  });

  it('rejects a number that is not E.164 permanently', async () => {
    const sink = createSmsSink(logger);
    const failure = await sink.send({ to: '91234567', text: 'x' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DeliveryError);
    expect((failure as DeliveryError).permanent).toBe(true);
  });

  it('clear empties the store and capacity drops the oldest', async () => {
    const sink = createSmsSink(logger, 2);
    for (const text of ['a', 'b', 'c']) await sink.send({ to: '+85291234567', text });
    expect(sink.messages().map((sms) => sms.text)).toEqual(['b', 'c']);
    sink.clear();
    expect(sink.messages()).toEqual([]);
  });
});
