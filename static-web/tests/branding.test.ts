import { beforeEach, describe, expect, it } from "vitest";
import { applyBranding } from "../src/branding";

describe("white-label branding", () => {
  beforeEach(() => {
    document.documentElement.removeAttribute("style");
    document.body.innerHTML = '<header><a class="brand" href="/">CrewBuilder</a></header><footer class="site-footer"><p>CrewBuilder</p></footer>';
  });

  it("shows the organisation's name, logo and support contact and takes its colour", () => {
    applyBranding({ displayName: "Acme Support Desk", primaryColor: "#0f766e", supportContact: "help@acme.example", logoDataUrl: "data:image/png;base64,iVBORw0KGgo=" });

    expect(document.documentElement.style.getPropertyValue("--brand")).toBe("#0f766e");
    expect(document.querySelector("[data-org-brand]")?.textContent).toBe("Acme Support Desk");
    expect(document.querySelector<HTMLImageElement>("[data-org-brand] img")?.getAttribute("src")).toMatch(/^data:image\/png;base64,/);
    expect(document.querySelector<HTMLAnchorElement>("[data-org-support]")?.href).toBe("mailto:help@acme.example");
  });

  it("ignores what the API would not have accepted, and applies itself once", () => {
    applyBranding({ displayName: "Acme", primaryColor: "red; background: url(x)", logoDataUrl: "javascript:alert(1)" });
    applyBranding({ displayName: "Acme" });

    expect(document.documentElement.style.getPropertyValue("--brand")).toBe("");
    expect(document.querySelectorAll("[data-org-brand]")).toHaveLength(1);
    expect(document.querySelector("[data-org-brand] img")).toBeNull();
  });

  it("does nothing without a display name", () => {
    applyBranding(undefined);
    applyBranding({ primaryColor: "#000000" });

    expect(document.querySelector("[data-org-brand]")).toBeNull();
    expect(document.documentElement.style.getPropertyValue("--brand")).toBe("");
  });
});
