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
