import type { Connection } from 'mongoose';
import { Types } from 'mongoose';
import { AppError } from '../../http/app-error';
import type { Clock } from '../../lib/clock';
import { isDuplicateKeyError } from '../../lib/mongo-errors';
import { wechatBindingModel } from './binding.model';
import type { WechatBindingDoc } from './binding.model';

export interface WechatBinding {
  id: string;
  identityId: string;
  accountId: string;
  boundAt: Date;
  via: 'mini_program' | 'scan';
}

export interface WechatBindings {
  ofIdentity(identityId: string): Promise<WechatBinding | undefined>;
  ofAccount(accountId: string): Promise<WechatBinding | undefined>;
  /**
   * Binds the identity to the account. Binding a pair that is already bound returns the
   * existing binding. Throws wechat.identity_already_bound when the identity is bound to
   * another account and wechat.account_already_bound when the account is bound to
   * another identity: a binding never moves.
   */
  bind(input: {
    identityId: string;
    accountId: string;
    via: WechatBinding['via'];
  }): Promise<{ binding: WechatBinding; created: boolean }>;
  /** Deletes the binding; false when it was gone already (another request deleted it). */
  remove(bindingId: string): Promise<boolean>;
}

function toBinding(doc: WechatBindingDoc): WechatBinding {
  return {
    id: doc._id.toString(),
    identityId: doc.identityId.toString(),
    accountId: doc.accountId.toString(),
    boundAt: doc.boundAt,
    via: doc.via,
  };
}

function objectIdOrUndefined(id: string): Types.ObjectId | undefined {
  return Types.ObjectId.isValid(id) ? new Types.ObjectId(id) : undefined;
}

/**
 * Creates the store of WeChat bindings (`wechat_bindings`). The two unique indexes
 * decide concurrent binds. FerretDB 1.24 does not say which index a duplicate key broke,
 * so the store looks both ends up to name the conflict.
 */
export function createWechatBindings(deps: { db: Connection; clock: Clock }): WechatBindings {
  const Bindings = wechatBindingModel(deps.db);

  async function findOne(field: 'identityId' | 'accountId', id: string) {
    const objectId = objectIdOrUndefined(id);
    if (!objectId) return undefined;
    const doc = await Bindings.findOne({ [field]: objectId }).lean<WechatBindingDoc>();
    return doc ? toBinding(doc) : undefined;
  }

  /** Names the conflict with an existing binding of either end, if there is one. */
  async function conflictOf(identityId: string, accountId: string) {
    const ofIdentity = await findOne('identityId', identityId);
    if (ofIdentity) {
      return ofIdentity.accountId === accountId
        ? { existing: ofIdentity }
        : { error: new AppError('wechat.identity_already_bound') };
    }
    const ofAccount = await findOne('accountId', accountId);
    if (ofAccount) return { error: new AppError('wechat.account_already_bound') };
    return undefined;
  }

  return {
    ofIdentity: (identityId) => findOne('identityId', identityId),
    ofAccount: (accountId) => findOne('accountId', accountId),

    async bind(input) {
      // A binding deleted between the failed insert and the lookup lets a second try through.
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const conflict = await conflictOf(input.identityId, input.accountId);
        if (conflict?.existing) return { binding: conflict.existing, created: false };
        if (conflict?.error) throw conflict.error;
        try {
          const created = await Bindings.create({
            identityId: new Types.ObjectId(input.identityId),
            accountId: new Types.ObjectId(input.accountId),
            boundAt: deps.clock.now(),
            via: input.via,
          });
          return { binding: toBinding(created.toObject() as WechatBindingDoc), created: true };
        } catch (error) {
          if (!isDuplicateKeyError(error)) throw error;
        }
      }
      const conflict = await conflictOf(input.identityId, input.accountId);
      if (conflict?.existing) return { binding: conflict.existing, created: false };
      throw conflict?.error ?? new Error('WeChat binding clashed with a binding that is gone');
    },

    async remove(bindingId) {
      const { deletedCount } = await Bindings.deleteOne({ _id: new Types.ObjectId(bindingId) });
      return deletedCount === 1;
    },
  };
}
