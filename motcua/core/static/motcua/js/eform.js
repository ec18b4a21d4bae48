/* E-forms in the page (motcua/catalog/eform_html.py draws them; docs/eforms.md, "Rendering in
 * HTML"). Everything works without this file: the server shows every field, lists the communes
 * after a submit, adds and removes repeat items by posting, and judges every answer. This file
 * only makes it quicker:
 *   - fields whose `show_if` does not hold are hidden and disabled (so they are not posted);
 *   - the commune list follows the chosen province (data: the form's JSON element);
 *   - "Thêm" and "Xoá" add and remove repeat items in the page (from the group's <template>);
 *   - the validator's cheap checks run as the answers are typed, with the validator's own
 *     messages (the data-msg-* attributes), shown under the field and as the input's validity.
 * No inline script or style (CSP): state is the `hidden`/`disabled` attributes and classes.
 */
(() => {
  "use strict";

  // As motcua/accounts/validators.py (mobile prefixes after 2018; landlines 02 + 9 digits).
  const MOBILE = /^0(3[2-9]|5[25689]|7[06-9]|8[1-9]|9[0-46-9])[0-9]{7}$/;
  const LANDLINE = /^02[0-9]{9}$/;
  const NUMBER = /^[+-]?([0-9]+([.,][0-9]*)?|[.,][0-9]+)([eE][+-]?[0-9]+)?$/;
  const CONTROLS = "input:not([type=hidden]), select, textarea";

  const touched = new WeakSet();
  const unitsCache = new WeakMap();

  function controlsOf(scope) {
    return Array.from(scope.querySelectorAll(CONTROLS));
  }

  function isChoice(control) {
    return control.type === "checkbox" || control.type === "radio";
  }

  function named(root, name) {
    return controlsOf(root).filter((control) => control.name === name);
  }

  // --- Conditions (show_if) -------------------------------------------------------------------

  // The answer a condition looks at, as the validator would see it; null when absent.
  function answerFor(root, condition) {
    const controls = controlsOf(root).filter((control) =>
      condition.kind === "compound"
        ? control.name.startsWith(condition.field + "-")
        : control.name === condition.field,
    );
    const live = controls.filter((control) => !control.disabled);
    if (live.length === 0) return null;
    switch (condition.kind) {
      case "checkbox":
        return live[0].checked;
      case "multiple":
        return live.filter((control) => control.checked).map((control) => control.value);
      case "compound":
        return live.some((c) => (isChoice(c) ? c.checked : c.value.trim() !== "")) ? true : null;
      case "single": {
        const chosen = live[0].type === "radio" ? live.find((c) => c.checked) : live[0];
        return chosen && chosen.value !== "" ? chosen.value : null;
      }
      case "number": {
        const text = live[0].value.trim();
        if (text === "") return null;
        return NUMBER.test(text) ? Number(text.replace(",", ".")) : text;
      }
      default:
        return live[0].value.trim() || null;
    }
  }

  function isBlank(value) {
    return value === null || value === "" || value === false ||
      (Array.isArray(value) && value.length === 0);
  }

  function holds(condition, answer) {
    if (condition.op === "filled") return !isBlank(answer);
    const wanted = condition.op === "in" ? condition.value : [condition.value];
    if (Array.isArray(answer)) return answer.some((value) => wanted.includes(value));
    return wanted.includes(answer);
  }

  // In page order, so a condition on a field that is itself hidden sees it as absent.
  function applyConditions(root) {
    for (const box of root.querySelectorAll("[data-show-if]")) {
      const condition = JSON.parse(box.dataset.showIf);
      box.hidden = !holds(condition, answerFor(root, condition));
      for (const control of box.querySelectorAll("input, select, textarea, button")) {
        control.disabled = control.closest("[data-show-if][hidden]") !== null;
      }
    }
  }

  // --- Communes of the chosen province --------------------------------------------------------

  function units(root) {
    if (!unitsCache.has(root)) {
      const element = document.getElementById(root.dataset.eformUnits || "");
      unitsCache.set(root, element ? JSON.parse(element.textContent) : {});
    }
    return unitsCache.get(root);
  }

  function fillCommunes(root, provinceSelect) {
    const communeSelect = document.getElementById(provinceSelect.dataset.eformProvince);
    if (!communeSelect) return;
    const province = provinceSelect.value;
    const communes = units(root)[province] || [];
    const kept = communeSelect.value;
    const empty = new Option(
      province ? communeSelect.dataset.emptyLabel : communeSelect.dataset.emptyLabelFirst,
      "",
    );
    communeSelect.replaceChildren(empty, ...communes.map(([code, name]) => new Option(name, code)));
    communeSelect.value = communes.some(([code]) => code === kept) ? kept : "";
  }

  // --- Repeat items ---------------------------------------------------------------------------

  function itemsOf(group) {
    return Array.from(group.querySelector("[data-eform-items]").children);
  }

  function updateGroup(group) {
    const items = itemsOf(group);
    const min = Number(group.dataset.minItems || 0);
    const max = Number(group.dataset.maxItems || Infinity);
    items.forEach((item, position) => {
      for (const number of item.querySelectorAll("[data-eform-number]")) {
        number.textContent = String(position + 1);
      }
      item.querySelector("[data-eform-action=remove]").hidden = items.length <= min;
    });
    group.querySelector(":scope > [data-eform-action=add]").hidden = items.length >= max;
  }

  function addItem(root, group) {
    const items = itemsOf(group);
    const next = items.reduce((top, item) => Math.max(top, Number(item.dataset.index) + 1), 0);
    const clone = group.querySelector(":scope > template[data-eform-template]").content
      .cloneNode(true);
    for (const element of clone.querySelectorAll("*")) {
      for (const attribute of Array.from(element.attributes)) {
        if (attribute.value.includes("__index__")) {
          element.setAttribute(attribute.name, attribute.value.replaceAll("__index__", next));
        }
      }
    }
    const item = clone.firstElementChild;
    group.querySelector("[data-eform-items]").append(clone);
    updateGroup(group);
    refresh(root);
    const first = controlsOf(item)[0];
    if (first) first.focus();
  }

  function removeItem(root, item) {
    const group = item.closest("[data-eform-repeat]");
    item.remove();
    updateGroup(group);
    refresh(root);
    const add = group.querySelector(":scope > [data-eform-action=add]");
    (add.hidden ? group : add).focus();
  }

  // --- Checks ---------------------------------------------------------------------------------

  function isInBlankItem(control) {
    const item = control.closest("[data-eform-item]");
    return item !== null && controlsOf(item).every((c) => (isChoice(c) ? !c.checked : !c.value.trim()));
  }

  function normalisedPhone(text) {
    let digits = text.replace(/[\s.\-()]/g, "");
    if (digits.startsWith("+84")) digits = "0" + digits.slice(3).replace(/^0/, "");
    else if (digits.startsWith("84") && (digits.length === 11 || digits.length === 12)) {
      digits = "0" + digits.slice(2);
    }
    return digits;
  }

  // The validator's message for this control's answer, or "" (the server checks the rest).
  function problemOf(root, control) {
    const data = control.dataset;
    if (control.disabled) return "";
    if (control.validity.badInput) return data.msgDate || ""; // a date typed in part
    const text = control.value.trim();
    const blank = isChoice(control)
      ? !named(root, control.name).some((c) => c.checked && !c.disabled)
      : text === "";
    if (blank) {
      return "required" in data && !isInBlankItem(control) ? data.msgRequired || "" : "";
    }
    if (isChoice(control) || control.tagName === "SELECT") return "";
    const length = Array.from(text).length;
    if (data.msgTooLong && control.maxLength > 0 && length > control.maxLength) return data.msgTooLong;
    if (data.msgTooShort && control.minLength > 0 && length < control.minLength) {
      return data.msgTooShort;
    }
    if (data.pattern && data.msgPattern) {
      try {
        if (!new RegExp(`^(?:${data.pattern})$`, "u").test(text)) return data.msgPattern;
      } catch {
        // a Python-only pattern: the server checks it
      }
    }
    switch (data.check) {
      case "number": {
        if (!NUMBER.test(text)) return data.msgNumber || "";
        const number = Number(text.replace(",", "."));
        if ("integer" in data && !Number.isInteger(number)) return data.msgInteger || "";
        if (data.min !== undefined && number < Number(data.min)) return data.msgMin || "";
        if (data.max !== undefined && number > Number(data.max)) return data.msgMax || "";
        return "";
      }
      case "date":
        if (control.min && control.value < control.min) return data.msgMin || "";
        if (control.max && control.value > control.max) return data.msgMax || "";
        return "";
      case "personal_id":
        return /^[0-9]{12}$/.test(text.replace(/ /g, "")) ? "" : data.msgFormat || "";
      case "tax_code":
        return /^[0-9]{10}(-[0-9]{3})?$/.test(text) ? "" : data.msgFormat || "";
      case "phone": {
        const number = normalisedPhone(text);
        if (!/^[0-9]+$/.test(number)) return data.msgDigits || "";
        if (MOBILE.test(number)) return "";
        if (LANDLINE.test(number)) {
          return "landline" in data ? "" : (data.msgLandline || "").replace("{value}", number);
        }
        return (data.msgFormat || "").replace("{value}", number);
      }
      case "email":
        return control.validity.typeMismatch ? (data.msgFormat || "").replace("{value}", text) : "";
      default:
        return "";
    }
  }

  function setDescribedBy(element, id, on) {
    const ids = (element.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    const wanted = on ? [...new Set([...ids, id])] : ids.filter((other) => other !== id);
    if (wanted.length) element.setAttribute("aria-describedby", wanted.join(" "));
    else element.removeAttribute("aria-describedby");
  }

  // Shows the control's problem under it; clears a message once the answer was changed.
  function show(root, control, message) {
    const slot = document.getElementById(control.dataset.eformError || "");
    if (!slot) return;
    if (!message && !touched.has(control) && slot.dataset.eformClient === undefined) return;
    slot.querySelector("[data-eform-message]").textContent = message;
    slot.hidden = !message;
    if (message) slot.dataset.eformClient = "";
    else delete slot.dataset.eformClient;
    const group = isChoice(control) ? named(root, control.name) : [control];
    for (const member of group) {
      if (message) member.setAttribute("aria-invalid", "true");
      else member.removeAttribute("aria-invalid");
    }
    setDescribedBy(control.closest("[data-eform-choices]") || control, slot.id, Boolean(message));
  }

  // Every control's validity follows its answer; shown messages follow too.
  function refresh(root) {
    applyConditions(root);
    for (const control of controlsOf(root)) {
      const message = problemOf(root, control);
      control.setCustomValidity(message);
      const slot = document.getElementById(control.dataset.eformError || "");
      if (slot && slot.dataset.eformClient !== undefined) show(root, control, message);
    }
  }

  // --- Wiring ---------------------------------------------------------------------------------

  function init(root) {
    root.classList.add("eform--js");
    for (const select of root.querySelectorAll("select[data-eform-province]")) {
      fillCommunes(root, select);
    }
    for (const group of root.querySelectorAll("[data-eform-repeat]")) updateGroup(group);
    refresh(root);

    root.addEventListener("change", (event) => {
      const control = event.target;
      if (control.matches("select[data-eform-province]")) fillCommunes(root, control);
      touched.add(control);
      refresh(root);
      show(root, control, problemOf(root, control));
    });
    root.addEventListener("input", (event) => {
      touched.add(event.target);
      refresh(root);
    });
    // The browser's own check (a form without `novalidate`) found a problem: say it here too.
    root.addEventListener("invalid", (event) => {
      show(root, event.target, problemOf(root, event.target));
    }, true);
    root.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-eform-action]");
      if (!button || !root.contains(button)) return;
      event.preventDefault();
      if (button.dataset.eformAction === "add") addItem(root, button.closest("[data-eform-repeat]"));
      if (button.dataset.eformAction === "remove") removeItem(root, button.closest("[data-eform-item]"));
    });

    const form = root.closest("form");
    if (!form) return;
    form.addEventListener("submit", (event) => {
      const submitter = event.submitter;
      if (submitter && (submitter.formNoValidate || submitter.dataset.eformAction)) return;
      refresh(root);
      let first = null;
      for (const control of controlsOf(root)) {
        const message = problemOf(root, control);
        if (!message) continue;
        touched.add(control);
        show(root, control, message);
        first = first || control;
      }
      if (first) {
        event.preventDefault();
        first.focus();
      }
    });
  }

  for (const root of document.querySelectorAll("[data-eform]")) init(root);
})();
