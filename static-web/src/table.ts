/** Table rows and the buttons inside them, drawn the same way on every page. */

export type Cell = string | Node;

export function tableRow(cells: Cell[]): HTMLTableRowElement {
  const row = document.createElement("tr");
  for (const content of cells) {
    const cell = document.createElement("td");
    cell.append(content);
    row.append(cell);
  }
  return row;
}

export function fillTable(body: HTMLElement, rows: Cell[][]): void {
  body.replaceChildren(...rows.map(tableRow));
}

/** A button acting on one row; its label names the row, since "Revoke" alone tells a screen reader nothing. */
export function rowButton(text: string, label: string, onClick: () => void, className = "button danger"): HTMLButtonElement {
  const button = document.createElement("button");
  button.type = "button";
  button.className = className;
  button.textContent = text;
  button.setAttribute("aria-label", label);
  button.addEventListener("click", onClick);
  return button;
}
