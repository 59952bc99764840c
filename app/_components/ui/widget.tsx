import Link from "next/link";
import type { ReactNode } from "react";

/** The placeholder of a widget while its data loads (one per Suspense boundary). */
export function WidgetSkeleton({ label, height = 240 }: { label: string; height?: number }) {
  return (
    <div className="card" aria-busy="true">
      <p className="sr-only" role="status">
        {label}
      </p>
      <div className="skeleton" style={{ height }} />
    </div>
  );
}

/** The placeholder of a part of a card while its data loads. */
export function BlockSkeleton({ label, height = 240 }: { label: string; height?: number }) {
  return (
    <div aria-busy="true">
      <p className="sr-only" role="status">
        {label}
      </p>
      <div className="skeleton" style={{ height }} />
    </div>
  );
}

/** An empty state that says what to do next, with the link to do it. */
export function EmptyState({ children, action }: { children: ReactNode; action?: { href: string; label: string } }) {
  return (
    <div className="empty-state">
      <p>{children}</p>
      {action && (
        <Link href={action.href} className="button">
          {action.label}
        </Link>
      )}
    </div>
  );
}
