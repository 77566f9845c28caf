import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { directoryApi } from '../../agent-console/src/api/index.js';
import type { Department } from '../../agent-console/src/api/types.js';
import { useDirectoryStore } from '../../agent-console/src/stores/directory.js';

const dept = (id: number, disabled = false) =>
  ({ id, code: `d${id}`, name: `部门 ${id}`, level: 'city', parentId: null, disabled }) as Department;

beforeEach(() => setActivePinia(createPinia()));

describe('the directory store before a picker', () => {
  it('reads the lists again when a minute old, so a department disabled meanwhile is not offered', async () => {
    let served = [dept(1), dept(16)];
    const departments = vi.spyOn(directoryApi, 'departments').mockImplementation(async () => served);
    vi.spyOn(directoryApi, 'categories').mockResolvedValue([]);
    const store = useDirectoryStore();
    await store.load();
    expect(departments).toHaveBeenCalledTimes(1);

    served = [dept(1), dept(16, true)];
    await store.refresh(60_000, Date.now() + 30_000);
    expect(departments).toHaveBeenCalledTimes(1);
    expect(store.departments.find((d) => d.id === 16)?.disabled).toBe(false);

    await store.refresh(60_000, Date.now() + 61_000);
    expect(departments).toHaveBeenCalledTimes(2);
    expect(store.departments.find((d) => d.id === 16)?.disabled).toBe(true);
  });
});
