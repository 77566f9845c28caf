// Every console route under the layout, with who may open it and whether it shows in the header menu.
// Views load lazily, so the first screen loads only itself.
import type { RouteRecordRaw } from 'vue-router';
import type { Role } from './api/types.js';

declare module 'vue-router' {
  interface RouteMeta {
    /** Page title (shown in the tab: `<title> · 蓬莱区12345`). */
    title?: string;
    /** Roles that may open it; absent: every logged-in user. */
    roles?: Role[];
    /** Shown in the header menu for those roles. */
    nav?: boolean;
    /** Reachable without a session. */
    public?: boolean;
  }
}

export const consoleRoutes: RouteRecordRaw[] = [
  {
    path: 'desk',
    name: 'desk',
    component: () => import('./views/desk/DeskView.vue'),
    meta: { title: '话务台', roles: ['operator'], nav: true },
  },
  {
    path: 'web-appeals',
    name: 'web-appeals',
    component: () => import('./views/web/WebAppealsView.vue'),
    meta: { title: '网上诉求', roles: ['operator'], nav: true },
  },
  {
    path: 'dispatch',
    name: 'dispatch',
    component: () => import('./views/dispatch/DispatchView.vue'),
    meta: { title: '派单', roles: ['dispatcher'], nav: true },
  },
  {
    path: 'inbox',
    name: 'inbox',
    component: () => import('./views/inbox/InboxView.vue'),
    meta: { title: '承办工单', roles: ['handler'], nav: true },
  },
  {
    path: 'supervision',
    name: 'supervision',
    component: () => import('./views/supervision/SupervisionView.vue'),
    meta: { title: '督办', roles: ['supervisor', 'admin'], nav: true },
  },
  {
    path: 'wallboard',
    name: 'wallboard',
    component: () => import('./views/supervision/WallboardView.vue'),
    meta: { title: '监控大屏', roles: ['supervisor', 'admin'], nav: true },
  },
  {
    path: 'admin',
    name: 'admin',
    component: () => import('./views/admin/AdminView.vue'),
    meta: { title: '系统管理', roles: ['admin'], nav: true },
  },
  {
    path: 'search',
    name: 'search',
    component: () => import('./views/search/SearchView.vue'),
    meta: {
      title: '工单查询',
      roles: ['operator', 'dispatcher', 'handler', 'supervisor', 'admin'],
      nav: true,
    },
  },
  {
    path: 'tickets/:no',
    name: 'ticket',
    component: () => import('./views/ticket/TicketPage.vue'),
    props: true,
    meta: { title: '工单详情' },
  },
];
