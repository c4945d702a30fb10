// The translation tabs (django-modeltranslation) open on the admin's language,
// or on the first when a field has none, but the language switch by the
// form's heading shows its first language whatever the tabs opened on, and an
// image row added later opens on the switch's language. Set the switch to the
// language the tabs opened on, as modeltranslation picks it (getActiveTabIndex
// in its tabbed_translation_fields.js: the page's lang, else the first), so
// every tab of the form, and every row added to it, agrees.
// Loaded with defer: this runs after modeltranslation's script has registered
// its own ready handler, so the switch exists when this handler runs.
if (window.django && window.django.jQuery) {
  window.django.jQuery(() => {
    const select = document.getElementById("modeltranslation-main-switch");
    if (!select) {
      return;
    }
    const language = document.documentElement.lang.replace(/-/g, "_").toLowerCase();
    for (const option of select.options) {
      // Options read "kk", "ru", "en" ("zh-hans" for zh_hans); values are indexes.
      if (option.textContent.replace(/-/g, "_").toLowerCase() === language) {
        select.value = option.value;
      }
    }
  });
}
