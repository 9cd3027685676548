// The desk's only script, shipped with the package (nothing is loaded from the Internet).
// Pages work without it; it adds: sorting a table by a column, and the live build progress bar.
"use strict";

function sortTable(button) {
  const table = button.closest("table");
  const column = Number(button.dataset.cot);
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  const ascending = button.dataset.huong !== "tang";
  table.querySelectorAll("button.sap").forEach((b) => {
    delete b.dataset.huong;
    b.closest("th").removeAttribute("aria-sort");
  });
  button.dataset.huong = ascending ? "tang" : "giam";
  button.closest("th").setAttribute("aria-sort", ascending ? "ascending" : "descending");
  const key = (row) => row.cells[column].dataset.sort || "";
  const numeric = rows.every((row) => key(row) === "" || !isNaN(Number(key(row))));
  rows.sort((a, b) => {
    const x = key(a), y = key(b);
    if (x === "" || y === "") { return (x === "") - (y === ""); } // blanks last, either way
    const order = numeric ? Number(x) - Number(y) : x.localeCompare(y, "vi");
    return ascending ? order : -order;
  });
  rows.forEach((row) => body.appendChild(row));
}

function followBuild(box) {
  const poll = () => {
    fetch(box.dataset.url, { headers: { Accept: "application/json" } })
      .then((r) => r.json())
      .then((job) => {
        const bar = document.getElementById("thanh-tien-do");
        const text = document.getElementById("chu-tien-do");
        if (bar && job.tong) { bar.max = job.tong; bar.value = job.xong; }
        if (text && job.tong) { text.textContent = job.xong + "/" + job.tong + " văn bản"; }
        if (job.trang_thai === "dang_chay") { setTimeout(poll, 400); } else { window.location.reload(); }
      })
      .catch(() => setTimeout(poll, 1500));
  };
  poll();
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("button.sap").forEach((b) => b.addEventListener("click", () => sortTable(b)));
  const box = document.getElementById("tien-do");
  if (box && box.dataset.trangThai === "dang_chay") { followBuild(box); }
});
