import { RoutingPage } from "@/components/admin/routing/routing-page";

export default function Page() {
  return <RoutingPage />;
}
