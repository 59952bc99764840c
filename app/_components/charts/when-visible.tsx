"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * Draws its children once they come near the screen (an IntersectionObserver, 300 px ahead), keeping
 * their height meanwhile: a page of many small charts (compare, a commune's profile) does not draw them
 * all while it loads, which kept the main thread busy for a second on a phone.
 * The height stays reserved after that too, while the chart's code loads (its placeholder is shorter):
 * otherwise everything below would jump up and back down as the chart comes into view, and a click aimed
 * there would land elsewhere.
 */
export function WhenVisible({ height, children }: { height: number; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || shown) return;
    if (typeof IntersectionObserver === "undefined") {
      // No observer (an old browser): draw right after this render.
      const timer = setTimeout(() => setShown(true), 0);
      return () => clearTimeout(timer);
    }
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setShown(true);
          io.disconnect();
        }
      },
      { rootMargin: "300px 0px" },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [shown]);
  return (
    <div ref={ref} style={{ minHeight: height }}>
      {shown ? children : null}
    </div>
  );
}
