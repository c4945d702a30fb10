// Kazakh messages for Select2 (the admin's autocomplete fields), which neither
// Select2 nor Django ships. Same shape as Django's admin/js/vendor/select2/i18n/*.js;
// backoffice/widgets.py makes the autocomplete widgets load it for kk.
// Kazakh nouns after a number stay singular, so there are no plural forms.
(function () {
  "use strict";
  if (!(window.jQuery && jQuery.fn && jQuery.fn.select2 && jQuery.fn.select2.amd)) {
    return;
  }
  jQuery.fn.select2.amd.define("select2/i18n/kk", [], function () {
    return {
      errorLoading: function () {
        return "Нәтижелерді жүктеу мүмкін болмады.";
      },
      inputTooLong: function (args) {
        return (args.input.length - args.maximum) + " таңбаны өшіріңіз";
      },
      inputTooShort: function (args) {
        return "Тағы кемінде " + (args.minimum - args.input.length) + " таңба енгізіңіз";
      },
      loadingMore: function () {
        return "Тағы жүктелуде…";
      },
      maximumSelected: function (args) {
        return "Ең көбі " + args.maximum + " нұсқа таңдауға болады";
      },
      noResults: function () {
        return "Ештеңе табылмады";
      },
      searching: function () {
        return "Іздеу…";
      },
      removeAllItems: function () {
        return "Барлығын алып тастау";
      },
    };
  });
})();
