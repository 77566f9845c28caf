// `v-row-test` on an el-table: el-table has no way to put attributes on its rows, so each row carries an
// anchor `<span :data-row-test="`ticket-row-${row.no}`">` in a cell, and this directive copies it onto the
// row's <tr> as `data-test` (whenever rows are added or moved), so end-to-end tests can click a whole row.
import type { Directive } from 'vue';

const observers = new WeakMap<HTMLElement, MutationObserver>();

function tag(root: HTMLElement): void {
  for (const anchor of root.querySelectorAll<HTMLElement>('[data-row-test]')) {
    const tr = anchor.closest('tr');
    const name = anchor.dataset.rowTest;
    if (tr && name && tr.getAttribute('data-test') !== name) tr.setAttribute('data-test', name);
  }
}

export const vRowTest: Directive<HTMLElement> = {
  mounted(el) {
    tag(el);
    const observer = new MutationObserver(() => tag(el));
    observer.observe(el, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['data-row-test'],
    });
    observers.set(el, observer);
  },
  updated(el) {
    tag(el);
  },
  unmounted(el) {
    observers.get(el)?.disconnect();
    observers.delete(el);
  },
};
