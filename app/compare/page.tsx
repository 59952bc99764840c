import { getTranslations } from "next-intl/server";
import { ComingSoon } from "../_components/coming-soon";

export async function generateMetadata() {
  const t = await getTranslations("nav");
  return { title: t("compare") };
}

export default function ComparePage() {
  return <ComingSoon section="compare" />;
}
