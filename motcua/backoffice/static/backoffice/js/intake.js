/* The counter intake wizard, enhanced. Every page works without this file: it only
   - hides the parcel's arrival time unless the channel is "postal" (start page);
   - lets files be dropped on a component's zone, and uploads as soon as files are chosen
     (a tablet's camera returns one photo at a time);
   - makes Enter in the ID number field run "Tìm theo số định danh".
   Loaded with `defer`; CSP allows same-origin scripts only (no inline handlers). */
(function () {
  "use strict";

  function channelToggle() {
    var target = document.querySelector("[data-show-when-postal]");
    if (!target) return;
    var radios = document.querySelectorAll('input[name="channel"]');
    function update() {
      var postal = document.querySelector('input[name="channel"][value="postal"]');
      target.hidden = !(postal && postal.checked);
    }
    radios.forEach(function (radio) { radio.addEventListener("change", update); });
    update();
  }

  function uploadNow(form) {
    var button = form.querySelector("[data-upload-button]");
    if (typeof form.requestSubmit === "function") {
      form.requestSubmit(button || undefined);
    } else if (button) {
      button.click();
    }
  }

  function dropzones() {
    var form = document.getElementById("files-form");
    if (!form) return;
    form.querySelectorAll('input[type="file"]').forEach(function (input) {
      input.addEventListener("change", function () {
        if (input.files && input.files.length) uploadNow(form);
      });
    });
    form.querySelectorAll("[data-dropzone]").forEach(function (zone) {
      var input = zone.querySelector('input[type="file"]');
      var hint = zone.querySelector("[data-dropzone-hint]");
      if (hint) hint.hidden = false;
      ["dragenter", "dragover"].forEach(function (name) {
        zone.addEventListener(name, function (event) {
          event.preventDefault();
          zone.classList.add("dropzone--over");
        });
      });
      ["dragleave", "dragend"].forEach(function (name) {
        zone.addEventListener(name, function () { zone.classList.remove("dropzone--over"); });
      });
      zone.addEventListener("drop", function (event) {
        event.preventDefault();
        zone.classList.remove("dropzone--over");
        if (!input || !event.dataTransfer || !event.dataTransfer.files.length) return;
        input.files = event.dataTransfer.files;
        uploadNow(form);
      });
    });
  }

  function lookupOnEnter() {
    document.addEventListener("keydown", function (event) {
      var field = event.target;
      if (event.key !== "Enter" || !field || field.id !== "id_id_number") return;
      var button = field.form && field.form.querySelector('button[name="lookup"]');
      if (!button) return;
      event.preventDefault();
      button.click();
    });
    // After a look-up (htmx swaps the fields), go on with the name: the ID is typed.
    document.addEventListener("htmx:afterSettle", function (event) {
      var trigger = event.detail && event.detail.elt;
      if (!trigger || trigger.name !== "lookup") return;
      var name = document.getElementById("id_name");
      if (name && document.getElementById("lookup-status")) name.focus();
    });
  }

  channelToggle();
  dropzones();
  lookupOnEnter();
})();
