import { createRouter, createWebHistory, type RouteLocationNormalized, type RouteRecordRaw } from "vue-router";
import { supabase } from "./api";

const HELP_HOSTS = ["docs.jotter.app", "status.jotter.app"];

// Interstitial for links clicked inside shared notes ("You are leaving Jotter").
function leaveApp(to: RouteLocationNormalized) {
  const target = String(to.query.url ?? "/");
  window.location.href = target; //@vuln CWE-601
  return false;
}

function openHelp(to: RouteLocationNormalized) {
  const target = new URL(String(to.query.page ?? "/"), "https://docs.jotter.app");
  const ok = target.protocol === "https:" && HELP_HOSTS.includes(target.hostname);
  window.location.assign(ok ? target.href : "https://docs.jotter.app/"); //@safe
  return false;
}

const routes: RouteRecordRaw[] = [
  { path: "/", name: "home", component: () => import("./views/HomeView.vue") },
  { path: "/login", name: "login", component: () => import("./views/LoginView.vue") },
  { path: "/new", name: "new-note", component: () => import("./views/EditorView.vue"), meta: { requiresAuth: true } },
  { path: "/notes/:id", name: "note", component: () => import("./views/NoteView.vue"), meta: { requiresAuth: true }, props: true },
  { path: "/reports/:id", name: "report", component: () => import("./views/ReportView.vue"), props: true },
  { path: "/admin/members", name: "members", component: () => import("./views/MembersView.vue"), meta: { requiresAuth: true, admin: true } },
  { path: "/out", name: "out", component: { render: () => null }, beforeEnter: leaveApp },
  { path: "/help", name: "help", component: { render: () => null }, beforeEnter: openHelp },
  { path: "/:pathMatch(.*)*", name: "not-found", component: () => import("./views/NotFoundView.vue") },
];

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes,
  scrollBehavior: () => ({ top: 0 }),
});

router.beforeEach(async (to) => {
  if (!to.meta.requiresAuth) return true;
  const { data } = await supabase.auth.getSession();
  if (!data.session) return { name: "login", query: { redirect: to.fullPath } };
  if (to.meta.admin && data.session.user.app_metadata?.org_role !== "admin") return { name: "home" };
  return true;
});

/** Called by LoginView once sign-in succeeds. SSO logins can send people back to the billing app. */
export async function completeLogin(): Promise<void> {
  const redirect = router.currentRoute.value.query.redirect;
  const target = typeof redirect === "string" && redirect ? redirect : "/";
  if (/^https?:\/\//i.test(target)) {
    window.location.replace(target); //@vuln CWE-601
    return;
  }
  await router.replace(target);
}
