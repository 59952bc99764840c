"use client";

import { useState } from "react";
import { UnitPicker } from "../../../_components/unit-picker/unit-picker";

/** The unit list (structure) and a unit of it, picked by name: changing the list clears the unit. */
export function UnitFields({
  structureLabel,
  unitLabel,
  structures,
  defaultStructure,
}: {
  structureLabel: string;
  unitLabel: string;
  structures: { code: string; label: string }[];
  defaultStructure: string;
}) {
  const [structure, setStructure] = useState(defaultStructure);
  return (
    <>
      <label>
        {structureLabel}{" "}
        <select name="structure" value={structure} onChange={(e) => setStructure(e.target.value)}>
          {structures.map((s) => (
            <option key={s.code} value={s.code}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      <UnitPicker name="unit" label={unitLabel} source={{ structure }} required />
    </>
  );
}
