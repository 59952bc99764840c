"use client";

import Form from "next/form";
import { useRef, type ReactNode } from "react";

/**
 * A GET form that works without JavaScript (its submit button) and, with it, submits as soon as a
 * choice changes, navigating without a full reload. `carry` names hidden fields refreshed from the
 * current address at submit time (selections other widgets keep in the URL, e.g. the table's sort);
 * empty fields are left out of the address.
 */
export function AutoSubmitForm({
  action,
  label,
  carry = [],
  className,
  children,
}: {
  action: string;
  label: string;
  carry?: readonly string[];
  className?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLFormElement>(null);
  return (
    <Form
      ref={ref}
      action={action}
      aria-label={label}
      className={className}
      scroll={false}
      onChange={(e) => {
        const target = e.target as unknown as HTMLInputElement | HTMLSelectElement;
        if (target.type === "text" || target.type === "search" || target.type === "number") return;
        ref.current?.requestSubmit();
      }}
      onSubmit={(e) => {
        const form = e.currentTarget;
        const now = new URLSearchParams(window.location.search);
        for (const key of carry) {
          const input = form.elements.namedItem(key);
          if (input instanceof HTMLInputElement) input.value = now.get(key) ?? "";
        }
        const emptied: (HTMLInputElement | HTMLSelectElement)[] = [];
        for (const el of Array.from(form.elements)) {
          if (
            (el instanceof HTMLInputElement || el instanceof HTMLSelectElement) &&
            el.name &&
            el.value === "" &&
            !el.disabled
          ) {
            el.disabled = true;
            emptied.push(el);
          }
        }
        // next/form reads the fields right after this handler; give them back afterwards.
        setTimeout(() => emptied.forEach((el) => (el.disabled = false)), 0);
      }}
    >
      {children}
    </Form>
  );
}
