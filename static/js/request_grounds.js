// The draft answer form: show only the fields the chosen legal ground asks for
// (requests_app.grounds). Without this script every field shows, and the server
// checks them all the same.
(function () {
  "use strict";
  document.querySelectorAll("select[data-ground-select]").forEach(function (select) {
    var form = select.form;
    function update() {
      form.querySelectorAll("[data-grounds]").forEach(function (input) {
        var wrapper = input.closest(".form-field") || input;
        var used = input.getAttribute("data-grounds").split(" ");
        wrapper.hidden = !select.value || used.indexOf(select.value) === -1;
      });
    }
    select.addEventListener("change", update);
    update();
  });
})();
