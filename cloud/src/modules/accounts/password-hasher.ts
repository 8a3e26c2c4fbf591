import argon2 from 'argon2';
import type { Config } from '../../config';

/** Hashes and checks passwords with Argon2id, using the ARGON2_* settings. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** Returns true when `password` matches `hash`; false for a mismatch or a malformed hash. */
  verify(hash: string, password: string): Promise<boolean>;
  /**
   * Runs one verification against a fixed hash and returns false. Call it when there is
   * no account to check, so that an unknown name takes as long as a wrong password.
   */
  verifyNothing(password: string): Promise<false>;
}

type Argon2Settings = Pick<Config, 'ARGON2_MEMORY_KIB' | 'ARGON2_TIME_COST' | 'ARGON2_PARALLELISM'>;

export function createPasswordHasher(config: Argon2Settings): PasswordHasher {
  const options: argon2.HashOptions = {
    type: argon2.argon2id,
    memoryCost: config.ARGON2_MEMORY_KIB,
    timeCost: config.ARGON2_TIME_COST,
    parallelism: config.ARGON2_PARALLELISM,
  };
  let placeholderHash: Promise<string> | undefined;

  async function verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      // argon2 throws on a hash it cannot parse; such a hash matches no password.
      return false;
    }
  }

  return {
    hash: (password) => argon2.hash(password, options),
    verify,
    async verifyNothing(password) {
      placeholderHash ??= argon2.hash('placeholder password that matches nothing', options);
      await verify(await placeholderHash, password);
      return false;
    },
  };
}
