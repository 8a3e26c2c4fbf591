import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger';
import { DeliveryError } from '../modules/notifications/delivery-error';
import type { SmsMessage, SmsSender } from '../modules/notifications/notification.types';
import { MessageStore } from './message-store';

/** A text message as the SMS sink received it. */
export interface StoredSms {
  id: string;
  /** E.164 number. */
  to: string;
  text: string;
  receivedAt: Date;
}

/** The simulator's stand-in for an SMS provider: it stores what it is asked to send. */
export interface SmsSink extends SmsSender {
  /** Stored messages, oldest first. */
  messages(): StoredSms[];
  waitFor(predicate: (sms: StoredSms) => boolean, timeoutMs?: number): Promise<StoredSms>;
  clear(): void;
  /** While true, every send fails with a temporary DeliveryError, like a provider outage. */
  setFailing(fail: boolean): void;
}

const e164Pattern = /^\+[1-9]\d{6,14}$/u;

/** Creates an SMS sink that keeps the newest messages in memory. */
export function createSmsSink(logger: Logger, capacity?: number): SmsSink {
  const log = logger.child({ component: 'sms-sink' });
  const store = new MessageStore<StoredSms>('SMS', capacity);
  let failing = false;

  return {
    async send(message: SmsMessage): Promise<void> {
      if (failing) {
        throw new DeliveryError('SMS sink is failing (simulated provider outage)', {
          permanent: false,
        });
      }
      // A real provider rejects these too; the sink fails the same way so bugs show up in tests.
      if (!e164Pattern.test(message.to)) {
        throw new DeliveryError(`SMS recipient is not an E.164 number: "${message.to}"`, {
          permanent: true,
        });
      }
      if (message.text.trim() === '') {
        throw new DeliveryError('SMS text is empty', { permanent: true });
      }
      const sms: StoredSms = {
        id: randomUUID(),
        to: message.to,
        text: message.text,
        receivedAt: new Date(),
      };
      store.add(sms);
      log.debug({ smsId: sms.id }, 'SMS received');
    },
    messages: () => store.list(),
    waitFor: (predicate, timeoutMs) => store.waitFor(predicate, timeoutMs),
    clear: () => store.clear(),
    setFailing(fail) {
      failing = fail;
      log.info(
        { failing: fail },
        fail ? 'SMS sink now rejects messages' : 'SMS sink accepts messages again',
      );
    },
  };
}
