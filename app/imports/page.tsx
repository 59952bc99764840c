import { getTranslations } from "next-intl/server";
import { ComingSoon } from "../_components/coming-soon";

export async function generateMetadata() {
  const t = await getTranslations("nav");
  return { title: t("imports") };
}

export default function ImportsPage() {
  return <ComingSoon section="imports" />;
}
