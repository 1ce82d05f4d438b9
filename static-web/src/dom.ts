/** The element with this id; a page without it is a bug, so it throws. */
export function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`Missing #${id}`);
  return found as T;
}

export function showError(target: HTMLElement, message: string | null): void {
  target.hidden = message === null;
  target.textContent = message ?? "";
}

export const formatDate = (iso: string | undefined): string =>
  iso ? new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" }) : "never";
