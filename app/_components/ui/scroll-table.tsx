"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { useTranslations } from "next-intl";

/**
 * A table that may be wider than the screen: a named, focusable scroll region (arrow keys scroll it),
 * and, while it does not fit, a visible hint above it and a shadow on the side with more columns.
 */
export function ScrollTable({
  label,
  className = "",
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  const t = useTranslations("scroll");
  const ref = useRef<HTMLDivElement>(null);
  const hintId = useId();
  const [overflow, setOverflow] = useState({ any: false, left: false, right: false });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // Set only on a change, so a re-render never feeds the observer again.
    const measure = () => {
      const any = el.scrollWidth > el.clientWidth + 1;
      const next = {
        any,
        left: any && el.scrollLeft > 1,
        right: any && el.scrollLeft + el.clientWidth < el.scrollWidth - 1,
      };
      setOverflow((prev) =>
        prev.any === next.any && prev.left === next.left && prev.right === next.right ? prev : next,
      );
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    el.addEventListener("scroll", measure, { passive: true });
    // A table laid out only near the screen (content-visibility: auto) measures once it is.
    el.addEventListener("contentvisibilityautostatechange", measure);
    return () => {
      ro.disconnect();
      el.removeEventListener("scroll", measure);
      el.removeEventListener("contentvisibilityautostatechange", measure);
    };
  }, []);
  const edges = `${overflow.left ? " more-left" : ""}${overflow.right ? " more-right" : ""}`;
  return (
    <>
      {overflow.any && (
        <p id={hintId} className="scroll-hint" data-testid="scroll-hint">
          <span aria-hidden="true">↔ </span>
          {t("hint")}
        </p>
      )}
      <div
        ref={ref}
        className={`table-wrap scroll-table ${className}${edges}`}
        role="region"
        // Not the name of the section around it (axe landmark-unique): "Bảng Mục tiêu các chỉ tiêu".
        aria-label={t("region", { label })}
        aria-describedby={overflow.any ? hintId : undefined}
        tabIndex={0}
      >
        {children}
      </div>
    </>
  );
}
