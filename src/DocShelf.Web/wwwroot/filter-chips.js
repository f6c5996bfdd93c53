// The filters in force, each shown as a chip beside the results with a button that removes it, so a narrowed
// search is never taken for the whole shelf; the Filters button counts them while its menus are folded away.

import { $, element } from "./api.js";

const FilterIds = ["filter-type", "filter-source", "filter-added", "filter-dated"];

// onRemoved: what to do once a chip's filter is cleared (search again, and remember the address).
export function renderActiveFilters(onRemoved) {
  const active = FilterIds.filter((id) => $(id).value);
  $("filters-toggle").textContent = active.length ? `Filters (${active.length})` : "Filters";
  $("active-filters").hidden = active.length === 0;
  $("active-filters").replaceChildren(...active.map((id) => {
    const select = $(id);
    const label = select.options[select.selectedIndex].text;
    const chip = element("button", "chip", `${label} ×`);
    chip.type = "button";
    chip.setAttribute("aria-label", `Remove the filter “${label}”`);
    chip.addEventListener("click", () => {
      select.value = "";
      onRemoved();
    });
    return chip;
  }));
}
