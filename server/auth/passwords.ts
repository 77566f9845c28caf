import argon2 from 'argon2';

/** Hashes and checks passwords; injected so tests may use a cheaper argon2 cost. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

/** argon2id with the given cost (defaults: argon2's recommended 64 MiB, 3 passes). */
export function createArgon2Hasher(cost: { memoryCost?: number; timeCost?: number } = {}): PasswordHasher {
  const options = { type: argon2.argon2id as 2, ...cost };
  return {
    hash: (password) => argon2.hash(password, options),
    verify: async (hash, password) => {
      try {
        return await argon2.verify(hash, password);
      } catch {
        return false;
      }
    },
  };
}
