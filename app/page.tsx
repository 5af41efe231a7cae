import Link from "next/link";

const surfaces = [
  { href: "/chat", title: "Customer chat", text: "Start a conversation as a customer would." },
  {
    href: "/workspace",
    title: "Representative workspace",
    text: "Work live conversations; hand them back to AI agents.",
  },
  {
    href: "/supervisor",
    title: "Supervisor",
    text: "Every queue and conversation, live, with each routing decision explained.",
  },
  { href: "/admin", title: "Admin", text: "Queues, AI agents, representatives, capacities and routing rules." },
];

export default function Home() {
  return (
    <main className="mx-auto max-w-3xl px-6 py-16">
      <h1 className="text-3xl font-semibold tracking-tight">Switchboard</h1>
      <p className="mt-3 text-slate-600">
        Routes customer conversations through queues to AI agents and representatives — and back to AI agents.
      </p>
      <ul className="mt-10 grid gap-4 sm:grid-cols-2">
        {surfaces.map((surface) => (
          <li key={surface.href}>
            <Link
              href={surface.href}
              className="block h-full rounded-xl border border-slate-200 bg-white p-5 shadow-sm hover:border-blue-300 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600"
            >
              <span className="font-semibold text-slate-900">{surface.title}</span>
              <span className="mt-1 block text-sm text-slate-600">{surface.text}</span>
            </Link>
          </li>
        ))}
      </ul>
      <p className="mt-10 text-sm text-slate-500">
        API reference:{" "}
        <Link className="text-blue-700 underline" href="/api/openapi.json">
          /api/openapi.json
        </Link>
      </p>
    </main>
  );
}
