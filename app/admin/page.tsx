import { getTranslations } from "next-intl/server";
import { ComingSoon } from "../_components/coming-soon";

export async function generateMetadata() {
  const t = await getTranslations("nav");
  return { title: t("admin") };
}

export default function AdminPage() {
  return <ComingSoon section="admin" />;
}
