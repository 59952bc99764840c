import { getTranslations } from "next-intl/server";
import { ComingSoon } from "../_components/coming-soon";

export async function generateMetadata() {
  const t = await getTranslations("nav");
  return { title: t("exports") };
}

export default function ExportsPage() {
  return <ComingSoon section="exports" />;
}
