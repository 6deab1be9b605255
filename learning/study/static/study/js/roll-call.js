// Roll call: bulk setting of checked rows, a name filter, a mode only for
// those who attended (excused or absent → none; attended without one →
// 现场), and on submit leave out every field still at its shown value (the
// server keeps those), so a roll of 500 members posts only its exceptions.
(function () {
  "use strict";
  const form = document.querySelector("[data-roll-call]");
  if (!form) return;
  form.querySelectorAll("[data-bulk], [data-check-all], [data-row]").forEach((el) => {
    el.hidden = false;
  });
  const rows = () => Array.from(form.querySelectorAll("tbody tr"));
  const attended = (form.dataset.attended || "").split(",");
  const fitMode = (status, mode) => {
    if (!attended.includes(status.value)) mode.value = "";
    else if (mode.value === "") mode.value = "onsite";
  };
  form.querySelector("tbody").addEventListener("change", (event) => {
    if (!event.target.matches("select[name^='status-']")) return;
    const row = event.target.closest("tr");
    fitMode(event.target, row.querySelector("select[name^='mode-']"));
  });
  const checkAll = form.querySelector("[data-check-all]");
  checkAll.addEventListener("change", () => {
    rows().forEach((row) => {
      if (!row.hidden) row.querySelector("[data-row]").checked = checkAll.checked;
    });
  });
  form.querySelector("[data-bulk-apply]").addEventListener("click", () => {
    const status = form.querySelector("[data-bulk-status]").value;
    const mode = form.querySelector("[data-bulk-mode]").value;
    rows().forEach((row) => {
      if (!row.querySelector("[data-row]").checked) return;
      const statusSelect = row.querySelector("select[name^='status-']");
      const modeSelect = row.querySelector("select[name^='mode-']");
      statusSelect.value = status;
      modeSelect.value = mode;
      fitMode(statusSelect, modeSelect);
    });
  });
  form.querySelector("[data-filter]").addEventListener("input", (event) => {
    const text = event.target.value.trim();
    rows().forEach((row) => {
      row.hidden = text !== "" && !row.dataset.name.includes(text);
    });
  });
  form.addEventListener("submit", () => {
    form.querySelectorAll("select[name]").forEach((select) => {
      const shown = Array.from(select.options).find((o) => o.defaultSelected);
      if (shown && shown.value === select.value) select.disabled = true;
    });
    form.querySelectorAll("input[type=text][name]").forEach((input) => {
      if (input.value === input.defaultValue) input.disabled = true;
    });
  });
})();
