import Link from "next/link";

export default function Home() {
  return (
    <main className="mx-auto max-w-3xl px-6 py-16">
      <h1 className="text-3xl font-semibold tracking-tight">Switchboard</h1>
      <p className="mt-3 text-slate-600">
        Routes customer conversations through queues to AI agents and representatives — and back to AI agents.
      </p>
      <ul className="mt-8 space-y-2">
        <li>
          <Link className="text-blue-700 underline" href="/api/openapi.json">
            API reference (OpenAPI)
          </Link>
        </li>
      </ul>
    </main>
  );
}
