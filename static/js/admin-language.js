// Submits the admin's language form as soon as a language is chosen.
// A file rather than an inline handler, so the Content Security Policy
// can forbid inline scripts.
document.addEventListener("DOMContentLoaded", () => {
  const select = document.getElementById("admin-language");
  if (select) {
    select.addEventListener("change", () => select.form.submit());
  }
});
