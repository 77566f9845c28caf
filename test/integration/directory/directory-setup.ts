// The app and the admin and operator logins the directory tests share.
import { afterEach, beforeEach } from 'vitest';
import { buildTestApp, client, type TestApp } from '../../helpers/app.js';

/** The app of the running test (set before each test by `useDirectoryApp`). */
export let t: TestApp;
export let admin: ReturnType<typeof client>;
export let operator: ReturnType<typeof client>;

/**
 * Builds a fresh app before each test with admin and operator1 logged in, and closes it after. Registers
 * its own beforeEach and afterEach: call it once at the top of a test file.
 */
export function useDirectoryApp(): void {
  beforeEach(async () => {
    t = await buildTestApp();
    admin = client(t, await t.login('admin'));
    operator = client(t, await t.login('operator1'));
  });
  afterEach(async () => {
    await t.close();
  });
}
