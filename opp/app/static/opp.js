// opp app: a little help on top of pages that work without it. Sort tables by a header, filter rows as
// you type, and follow a task's progress without reloading.
"use strict";

function celWaarde(rij, kolom, getal) {
  const cel = rij.cells[kolom];
  const tekst = cel ? (cel.dataset.waarde || cel.textContent.trim()) : "";
  if (getal) { const n = parseFloat(tekst); return isNaN(n) ? -Infinity : n; }
  return tekst.toLocaleLowerCase("nl");
}

function maakSorteerbaar(tabel) {
  const koppen = tabel.tHead ? tabel.tHead.rows[0].cells : [];
  Array.from(koppen).forEach(function (th, kolom) {
    const knop = document.createElement("button");
    knop.type = "button";
    knop.className = "sorteer";
    knop.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(knop);
    knop.addEventListener("click", function () {
      const oplopend = th.getAttribute("aria-sort") !== "ascending";
      Array.from(koppen).forEach(function (k) { k.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", oplopend ? "ascending" : "descending");
      const getal = th.dataset.sorteer === "getal";
      const body = tabel.tBodies[0];
      const rijen = Array.from(body.rows);
      rijen.sort(function (a, b) {
        const x = celWaarde(a, kolom, getal), y = celWaarde(b, kolom, getal);
        return (x < y ? -1 : x > y ? 1 : 0) * (oplopend ? 1 : -1);
      });
      rijen.forEach(function (r) { body.appendChild(r); });
    });
  });
}

function maakFilter(invoer) {
  const tabel = document.getElementById(invoer.dataset.filterVoor);
  if (!tabel) { return; }
  const blok = invoer.closest(".zoeken");
  if (blok) { blok.hidden = false; }  // shown only where the script runs: it never goes into a URL
  invoer.addEventListener("input", function () {
    const zoek = invoer.value.toLocaleLowerCase("nl").trim();
    Array.from(tabel.tBodies[0].rows).forEach(function (rij) {
      const past = !zoek || rij.textContent.toLocaleLowerCase("nl").includes(zoek);
      rij.classList.toggle("verborgen", !past);
    });
  });
}

function volgTaak(blok) {
  const zet = function (id, waarde, max) {
    const el = document.getElementById(id);
    if (el) { el.value = waarde; if (max) { el.max = max; } }
  };
  const tekst = function (id, waarde) { const el = document.getElementById(id); if (el) { el.textContent = waarde; } };
  const kijk = function () {
    fetch(blok.dataset.statusUrl, {credentials: "same-origin", cache: "no-store"})
      .then(function (antwoord) { return antwoord.json(); })
      .then(function (s) {
        if (s.status !== "bezig") { window.location.assign(s.klaar_url); return; }
        zet("balk", s.gedaan, s.totaal);
        tekst("teller", s.gedaan + " van ongeveer " + s.totaal);
        zet("pdf-balk", s.pdf_gedaan, s.pdf_totaal);
        tekst("pdf-teller", s.pdf_gedaan + " van ongeveer " + s.pdf_totaal);
        window.setTimeout(kijk, 700);
      })
      .catch(function () { window.setTimeout(kijk, 2000); });
  };
  kijk();
}

document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("table.sorteerbaar").forEach(maakSorteerbaar);
  document.querySelectorAll("[data-filter-voor]").forEach(maakFilter);
  const voortgang = document.getElementById("voortgang");
  if (voortgang) { volgTaak(voortgang); }
});
