import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/unit/**/*.test.ts',
      'test/integration/**/*.test.ts',
      'test/realtime/**/*.test.ts',
      'test/console/**/*.test.ts',
      'test/security/**/*.test.ts',
      'test/reliability/**/*.test.ts',
      'test/e2e/**/*.test.ts',
    ],
    environment: 'node',
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
