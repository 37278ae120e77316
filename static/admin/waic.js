// The organizers' admin. Select2, behind Django's autocompletes, shows the chosen record in a
// span with the role "textbox" and no name; screen readers then announce a nameless field
// (axe: aria-input-field-name). Each gets its field's label as soon as Select2 draws it.
"use strict";
{
  const nameAutocompletes = () => {
    for (const shown of document.querySelectorAll(".select2-selection__rendered[role=textbox]:not([aria-label])")) {
      const select = document.getElementById(shown.id.replace(/^select2-/, "").replace(/-container$/, ""));
      const label = select && (select.getAttribute("aria-label")
        || document.querySelector(`label[for="${select.id}"]`)?.textContent.replace(/[:：]\s*$/, "").trim());
      if (label) shown.setAttribute("aria-label", label);
    }
  };
  // Select2 draws its boxes when it starts, which may follow the page's load.
  new MutationObserver(nameAutocompletes).observe(document.documentElement, {childList: true, subtree: true});
}
