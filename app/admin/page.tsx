import { Suspense } from "react";
import { QueuesPage } from "@/components/admin/queues/queues-page";

export default function AdminQueuesPage() {
  return (
    <Suspense>
      <QueuesPage />
    </Suspense>
  );
}
