// Departments and categories, loaded once per session and again before a picker when a minute old: names for ids
// in lists, details and pickers.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { directoryApi } from '../api/index.js';
import type { Category, Department } from '../api/types.js';

export const useDirectoryStore = defineStore('directory', () => {
  const departments = ref<Department[]>([]);
  const categories = ref<Category[]>([]);
  const loaded = ref(false);
  let loading: Promise<void> | null = null;

  const departmentsById = computed(() => new Map(departments.value.map((d) => [d.id, d])));
  const categoriesById = computed(() => new Map(categories.value.map((c) => [c.id, c])));

  let loadedAt = 0;

  /** Loads both lists once; `force` reloads (after an admin change). */
  function load(force = false): Promise<void> {
    if (loading && !force) return loading;
    loading = Promise.all([directoryApi.departments(), directoryApi.categories()])
      .then(([d, c]) => {
        departments.value = d;
        categories.value = c;
        loaded.value = true;
        loadedAt = Date.now();
      })
      .catch(() => {
        loading = null;
      });
    return loading;
  }

  /**
   * Reloads the lists when they are older than `maxAgeMs`, before the user picks from them (a department disabled
   * by an admin meanwhile must not be offered). Answers at once with what is there while it reloads.
   */
  function refresh(maxAgeMs = 60_000, now: number = Date.now()): Promise<void> {
    return now - loadedAt > maxAgeMs ? load(true) : load();
  }

  const departmentName = (id: number | null | undefined): string | undefined =>
    id == null ? undefined : departmentsById.value.get(id)?.name;
  const categoryName = (id: number | null | undefined): string | undefined =>
    id == null ? undefined : categoriesById.value.get(id)?.name;

  return { departments, categories, loaded, load, refresh, departmentName, categoryName, departmentsById };
});
