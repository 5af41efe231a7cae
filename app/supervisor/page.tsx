import { SupervisorPage } from "@/components/supervisor/supervisor-page";

export default function Page() {
  return <SupervisorPage />;
}
