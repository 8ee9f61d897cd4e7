// 公民身份号码 checked as it is typed: length, characters, the birth date in
// digits 7–14 and the check digit (GB 11643, ISO 7064 MOD 11-2).  Saving checks
// again on the server, with the region codes and everything else; this only
// tells the canvasser at once, before they move on, that a digit is wrong.
(function () {
  "use strict";
  var WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  var CHECK_DIGITS = "10X98765432";

  function normalise(text) {
    return text
      .replace(/[\uFF10-\uFF19]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xFEE0); })
      .replace(/[\s\-\u200B\u200C\u200D\uFEFF]/g, "")
      .replace(/[x\uFF58\uFF38]/g, "X");
  }

  // What is wrong with the number ("" when nothing is); ``finished`` says the
  // canvasser has left the field, so a short number is an error, not work in progress.
  function problem(raw, finished) {
    var n = normalise(raw);
    if (!n) return "";
    if (!/^[0-9]*X?$/.test(n)) return "只能是数字，最后一位可以是X";
    if (n.length === 15 && finished) return "";  // an old 15-digit number: the server upgrades it
    if (n.length < 18) return finished ? "位数不够：现在 " + n.length + " 位，应为18位" : "";
    if (n.length > 18) return "位数太多：现在 " + n.length + " 位，应为18位";
    var year = +n.substr(6, 4), month = +n.substr(10, 2), day = +n.substr(12, 2);
    var born = new Date(year, month - 1, day);
    if (born.getFullYear() !== year || born.getMonth() !== month - 1 || born.getDate() !== day) {
      return "第7–14位 " + n.substr(6, 8) + " 不是有效的出生日期，请逐位核对";
    }
    if (year < 1880 || born > new Date()) return "出生日期 " + n.substr(6, 8) + " 不在合理范围内，请核对";
    var sum = 0;
    for (var i = 0; i < 17; i++) sum += WEIGHTS[i] * +n.charAt(i);
    if (CHECK_DIGITS.charAt(sum % 11) !== n.charAt(17)) return "校验位不对，可能有数字录错，请对照证件逐位核对";
    return "";
  }

  // Sex (17th digit: odd 男 1, even 女 2) and birth date (digits 7-14) of a valid 18-digit number.
  function facts(raw) {
    var n = normalise(raw);
    if (n.length !== 18 || problem(n, true) !== "") return null;
    return { sex: +n.charAt(16) % 2 === 1 ? "1" : "2",
             birth_date: n.substr(6, 4) + "-" + n.substr(10, 2) + "-" + n.substr(12, 2) };
  }

  // Fill the form's sex and birth-date fields (same name prefix, e.g. in a formset row) from a
  // valid number; a field the canvasser set by hand, differently, is left as it is.
  function fill(input) {
    var found = facts(input.value);
    if (!found || !input.form) return;
    var prefix = input.name.slice(0, input.name.length - "id_number".length);
    (input.getAttribute("data-fills") || "").split(" ").forEach(function (name) {
      var field = input.form.elements[prefix + name];
      if (!field || !(name in found)) return;
      if (field.value === "" || field.getAttribute("data-filled") === field.value) {
        field.value = found[name];
        field.setAttribute("data-filled", found[name]);
        field.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
  }

  function attach(input) {
    var note = document.createElement("div");
    note.className = "idcheck";
    note.setAttribute("aria-live", "polite");
    input.insertAdjacentElement("afterend", note);
    function show(finished) {
      var text = problem(input.value, finished);
      note.textContent = text;
      input.classList.toggle("id-invalid", text !== "");
    }
    input.addEventListener("input", function () { show(false); fill(input); });
    input.addEventListener("change", function () { show(true); fill(input); });
  }

  window.renpuIdProblem = problem;  // for the browser tests
  window.renpuIdFacts = facts;
  document.querySelectorAll("input[data-idcheck]").forEach(attach);
})();
