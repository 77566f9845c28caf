import type { DirectoryService } from '../directory/directory.service.js';

/** In production, creates the `admin` login from ADMIN_PASSWORD when no admin exists yet. */
export async function ensureAdmin(directory: DirectoryService, password: string): Promise<boolean> {
  if (directory.listUsers().some((u) => u.role === 'admin')) return false;
  await directory.createUser({ username: 'admin', displayName: '系统管理员', role: 'admin', password });
  return true;
}
