"use client";

import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { useTranslations } from "next-intl";
import { searchUnits } from "@/lib/units/search";
import "./unit-picker.css";

export interface UnitOption {
  code: string;
  name: string;
  /** A second line, e.g. the parent's name, to tell apart units of the same name. */
  hint?: string | null;
}

/** Where options come from: a fixed list (filtered here) or GET /api/units (scope-limited, searched on the server). */
export type UnitSource =
  { options: readonly UnitOption[] } | { structure: string; levels?: readonly ("province" | "district" | "commune")[] };

const LIMIT = 20;
const EMPTY: UnitOption[] = [];

/**
 * Pick a unit by name (an ARIA 1.2 combobox with a list box): type part of the name, with or without
 * tone marks, or the start of the code; ↑/↓ move, Enter picks, Escape closes (and, closed, restores the
 * picked name). The code travels in a hidden field `name`; with `submitOnPick` the form is submitted
 * once a unit is picked (the view filters).
 */
export function UnitPicker({
  name,
  label,
  source,
  defaultValue,
  required = false,
  submitOnPick = false,
  onPick,
  id: givenId,
}: {
  name: string;
  label: string;
  source: UnitSource;
  defaultValue?: UnitOption | null;
  required?: boolean;
  submitOnPick?: boolean;
  /** Told the picked unit (for a client parent that builds a link from it). */
  onPick?: (option: UnitOption) => void;
  id?: string;
}) {
  const t = useTranslations("unitPicker");
  const autoId = useId();
  const id = givenId ?? `${autoId}-unit`;
  const listId = `${id}-list`;
  const hintId = `${id}-hint`;
  const inputRef = useRef<HTMLInputElement>(null);
  const hiddenRef = useRef<HTMLInputElement>(null);
  const [picked, setPicked] = useState<UnitOption | null>(defaultValue ?? null);
  const [text, setText] = useState(defaultValue?.name ?? "");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  // Server results with the structure and query they answer, so a stale list is never shown or picked.
  const [remote, setRemote] = useState<{ key: string; items: UnitOption[] }>({ key: "", items: [] });
  const [loading, setLoading] = useState(false);

  const structureKey = "options" in source ? null : `${source.structure}|${(source.levels ?? []).join(",")}`;
  // The query is what was typed, unless it is the picked unit's own name (then list everything).
  const query = picked && text === picked.name ? "" : text;
  const local = useMemo(
    () => ("options" in source ? searchUnits(source.options, query, LIMIT) : null),
    [source, query],
  );
  const remoteKey = `${structureKey}|${query}`;
  const remoteItems = remote.key === remoteKey ? remote.items : EMPTY;
  const results = local ?? remoteItems;

  useEffect(() => {
    if (structureKey === null || !open) return;
    const [structure, levels] = structureKey.split("|");
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      setLoading(true);
      const params = new URLSearchParams({ q: query, structure, limit: String(LIMIT) });
      if (levels) params.set("level", levels);
      fetch(`/api/units?${params}`, { signal: ctrl.signal })
        .then((r) => (r.ok ? r.json() : { data: [] }))
        .then((body: { data: { code: string; name: string; parentName: string | null }[] }) => {
          setRemote({
            key: `${structureKey}|${query}`,
            items: body.data.map((u) => ({ code: u.code, name: u.name, hint: u.parentName })),
          });
          setLoading(false);
        })
        .catch(() => {
          if (!ctrl.signal.aborted) setLoading(false);
        });
    }, 150);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [structureKey, query, open]);

  // A new structure (e.g. the form's structure changed) invalidates the picked unit of the other one.
  const firstKey = useRef(structureKey);
  useEffect(() => {
    if (firstKey.current === structureKey) return;
    firstKey.current = structureKey;
    setPicked(null);
    setText("");
  }, [structureKey]);

  // oxlint-disable-next-line react/set-state-in-effect -- the highlighted option resets when the list changes
  useEffect(() => setActive(results.length ? 0 : -1), [results]);

  // The code is in a hidden field, which the browser does not validate: the visible field carries the message.
  useEffect(() => inputRef.current?.setCustomValidity(required && !picked ? t("required") : ""), [required, picked, t]);

  function pick(option: UnitOption) {
    setPicked(option);
    setText(option.name);
    setOpen(false);
    if (hiddenRef.current) hiddenRef.current.value = option.code;
    onPick?.(option);
    if (submitOnPick) {
      const form = inputRef.current?.form;
      if (form) setTimeout(() => form.requestSubmit(), 0);
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!open) {
        setOpen(true);
        return;
      }
      if (!results.length) return;
      const step = e.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (i + step + results.length) % results.length);
    } else if (e.key === "Enter") {
      if (open && active >= 0 && results[active]) {
        e.preventDefault();
        pick(results[active]);
      } else if (!picked || text !== picked.name) {
        e.preventDefault(); // never submit a half-typed name
      }
    } else if (e.key === "Escape") {
      if (open) {
        e.preventDefault();
        setOpen(false);
      } else if (picked) {
        setText(picked.name);
      }
    }
  }

  const optionId = (i: number) => `${id}-opt-${i}`;
  const pending = local === null && remote.key !== remoteKey;
  const showList = open && (results.length > 0 || (!loading && !pending && query !== ""));
  return (
    <div className="unit-picker">
      <label htmlFor={id}>{label}</label>
      <input
        ref={inputRef}
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={showList && active >= 0 ? optionId(active) : undefined}
        aria-describedby={hintId}
        aria-invalid={required && text !== "" && (!picked || picked.name !== text) ? true : undefined}
        placeholder={t("placeholder")}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onClick={() => setOpen(true)}
        onBlur={() => {
          setOpen(false);
          // Leaving a half-typed name: back to the picked unit, so the field never shows one unit and sends another.
          if (picked && text !== picked.name) setText(picked.name);
        }}
        onKeyDown={onKeyDown}
      />
      <input
        ref={hiddenRef}
        type="hidden"
        name={name}
        value={picked?.code ?? ""}
        data-testid={`${name}-code`}
        readOnly
      />
      <span id={hintId} className="unit-picker-hint small muted">
        {picked ? t("picked", { name: picked.name, code: picked.code }) : t("hint")}
      </span>
      <ul id={listId} role="listbox" aria-label={label} className="unit-picker-list" hidden={!showList}>
        {results.map((o, i) => (
          <li
            key={o.code}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            className={i === active ? "active" : undefined}
            // mousedown would blur the input first and close the list before the click lands
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => pick(o)}
          >
            <span>{o.name}</span> <span className="small muted">{[o.code, o.hint].filter(Boolean).join(" · ")}</span>
          </li>
        ))}
        {!results.length && !pending && query !== "" && (
          <li role="option" aria-disabled="true" aria-selected={false} className="muted">
            {t("none")}
          </li>
        )}
      </ul>
    </div>
  );
}
