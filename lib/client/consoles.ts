/**
 * The staff roles and the consoles each may use: one table for the console switcher, the role gate and where
 * sign-in lands. (The API checks every call by itself; this only decides what the browser offers.)
 */
export type Role = "admin" | "supervisor" | "representative";

export const roleLabel: Record<Role, string> = {
  admin: "Admin",
  supervisor: "Supervisor",
  representative: "Representative",
};

export interface StaffConsole {
  href: string;
  /** In the console switcher. */
  label: string;
  /** In a sentence: "Go to …", "… is not part of your role". */
  title: string;
  roles: readonly Role[];
}

export const consoles: readonly StaffConsole[] = [
  { href: "/workspace", label: "Workspace", title: "your workspace", roles: ["admin", "supervisor", "representative"] },
  { href: "/supervisor", label: "Supervisor", title: "the supervisor console", roles: ["admin", "supervisor"] },
  { href: "/admin", label: "Admin", title: "the admin console", roles: ["admin"] },
];

/** Where each role works: sign-in lands there, and a refused visitor is sent there. */
const homeHref: Record<Role, string> = { admin: "/admin", supervisor: "/supervisor", representative: "/workspace" };

export const consoleAt = (href: string): StaffConsole => consoles.find((c) => c.href === href) as StaffConsole;
export const homeOf = (role: Role): StaffConsole => consoleAt(homeHref[role]);
export const consolesFor = (role: Role | undefined) => consoles.filter((c) => role && c.roles.includes(role));
