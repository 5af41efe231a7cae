import { RepresentativesPage } from "@/components/admin/representatives-page";

export default function Page() {
  return <RepresentativesPage />;
}
