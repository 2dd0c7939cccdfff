// Behaviour that would otherwise be inline handlers (the Content-Security-Policy forbids them).
// - <form data-confirm="…">: asks before submitting (destructive actions).
// - <select data-autosubmit>: submits its form on change.
// - <select data-navigate>: goes to the chosen option's value (a URL).
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }
}, true);

document.addEventListener("change", function (event) {
  var el = event.target;
  if (el.matches("select[data-autosubmit]")) {
    el.form.submit();
  } else if (el.matches("select[data-navigate]")) {
    window.location = el.value;
  }
});

// htmx: ask before a request when the element carries hx-confirm (htmx does this itself);
// show the server's error text instead of failing silently.
document.addEventListener("htmx:responseError", function (event) {
  var target = event.detail.target;
  var xhr = event.detail.xhr;
  if (target && xhr && xhr.status >= 400 && xhr.status < 500 && xhr.responseText) {
    target.innerHTML = xhr.responseText;
  }
});

// A submit button may ask on its own: <button data-confirm="…"> (one form, several actions).
document.addEventListener("submit", function (event) {
  var button = event.submitter;
  if (button && button.dataset && button.dataset.confirm && !window.confirm(button.dataset.confirm)) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }
}, true);

// Whole-sheet forms (<form class="sheet-form">): Enter moves to the same column of the next row
// (and submits from the last one); a column copied from a spreadsheet, pasted into one box, fills
// that box and the ones below; the total follows what is typed.
(function () {
  function boxes(form, column) {
    return Array.prototype.slice.call(form.querySelectorAll("[data-col='" + column + "']"));
  }
  function number(text) {
    var raw = String(text || "").trim().replace(/\u2212/g, "-").replace(/\s/g, "");
    // As the server reads them: "," marks decimals; without one, dots between groups of three
    // digits group thousands ("1.500" is 1500), a lone dot is a decimal point ("2.5").
    if (raw.indexOf(",") >= 0) { raw = raw.replace(/\./g, "").replace(",", "."); }
    else if (/^[-+]?\d{1,3}(\.\d{3})+$/.test(raw)) { raw = raw.replace(/\./g, ""); }
    var value = parseFloat(raw);
    return isNaN(value) ? 0 : value;
  }
  function showTotal(form) {
    var target = form.dataset.total && document.querySelector(form.dataset.total);
    if (!target) { return; }
    var sum = boxes(form, "points").reduce(function (s, box) { return s + number(box.value); }, 0);
    target.textContent = (Math.round(sum * 100) / 100).toLocaleString("vi-VN");
  }
  document.addEventListener("keydown", function (event) {
    var box = event.target;
    if (event.key !== "Enter" || !box.dataset || !box.dataset.col || box.tagName === "TEXTAREA") { return; }
    var form = box.closest("form.sheet-form");
    if (!form) { return; }
    event.preventDefault();
    var column = boxes(form, box.dataset.col);
    var next = column[column.indexOf(box) + 1];
    if (next) { next.focus(); next.select(); } else { form.requestSubmit(); }
  });
  document.addEventListener("paste", function (event) {
    var box = event.target;
    var form = box.closest && box.closest("form.sheet-form");
    var text = (event.clipboardData || window.clipboardData).getData("text");
    if (!form || !box.dataset.col || !/[\r\n]/.test(text.trim())) { return; }
    event.preventDefault();
    var lines = text.replace(/\r/g, "").replace(/\n$/, "").split("\n");
    var column = boxes(form, box.dataset.col);
    var start = column.indexOf(box);
    lines.forEach(function (line, i) {
      var target = column[start + i];
      if (target) { target.value = line.split("\t")[0].trim(); }
    });
    showTotal(form);
    var last = column[Math.min(start + lines.length, column.length) - 1];
    if (last) { last.focus(); }
  });
  // The whole-sheet submit carries every row: it waits for a row's autosave still on its way (so
  // the row's new version goes with it) and starts no other (two writes of one row would race).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("sheet-form")) { return; }
    form.dataset.submitting = "1";
    if (!form.querySelector(".htmx-request")) { return; }
    event.preventDefault();
    var submitter = event.submitter;
    document.addEventListener("htmx:afterRequest", function again() {
      if (form.querySelector(".htmx-request")) { return; }
      document.removeEventListener("htmx:afterRequest", again);
      window.setTimeout(function () { form.requestSubmit(submitter || undefined); }, 0);
    });
  });
  document.addEventListener("htmx:confirm", function (event) {
    var form = event.target.closest && event.target.closest("form.sheet-form");
    if (form && form.dataset.submitting) { event.preventDefault(); }
  });
  function showTotals() {
    document.querySelectorAll("form.sheet-form[data-total]").forEach(showTotal);
  }
  document.addEventListener("DOMContentLoaded", showTotals);
  document.addEventListener("input", function (event) {
    var form = event.target.closest && event.target.closest("form.sheet-form");
    if (form && event.target.dataset.col === "points") { showTotal(form); }
  });
  // A row's autosave brings the saved totals back (hx-swap-oob): the running total stays that of
  // every box as typed, so the saved sum does not replace it while other rows are still unsaved.
  document.addEventListener("htmx:afterSettle", showTotals);
  // A row's message, swapped in by htmx, says whether its box holds a refused value.
  document.addEventListener("htmx:afterSettle", function () {
    document.querySelectorAll("[data-for]").forEach(function (message) {
      var box = document.getElementById(message.dataset.for);
      if (!box) { return; }
      var invalid = message.dataset.invalid === "1";
      box.classList.toggle("is-invalid", invalid);
      if (invalid) { box.setAttribute("aria-invalid", "true"); } else { box.removeAttribute("aria-invalid"); }
    });
  });
}());

// <tbody data-sortable="#form">: rows dragged to a new place renumber their place boxes and
// save the order at once (the numbers themselves work without a mouse, or without JavaScript).
(function () {
  var dragged = null;
  document.addEventListener("dragstart", function (event) {
    var row = event.target.closest && event.target.closest("[data-sortable] tr[draggable]");
    if (!row) { return; }
    dragged = row;
    row.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", "");
  });
  document.addEventListener("dragover", function (event) {
    var row = dragged && event.target.closest && event.target.closest("tr[draggable]");
    if (!row || row === dragged || row.parentNode !== dragged.parentNode) { return; }
    event.preventDefault();
    var box = row.getBoundingClientRect();
    var after = event.clientY > box.top + box.height / 2;
    row.parentNode.insertBefore(dragged, after ? row.nextSibling : row);
  });
  document.addEventListener("drop", function (event) {
    if (dragged) { event.preventDefault(); }
  });
  document.addEventListener("dragend", function () {
    if (!dragged) { return; }
    var body = dragged.parentNode;
    dragged.classList.remove("dragging");
    dragged = null;
    body.querySelectorAll("input.place").forEach(function (box, index) { box.value = index + 1; });
    var form = document.querySelector(body.dataset.sortable);
    if (form) { form.requestSubmit(); }
  });
}());
