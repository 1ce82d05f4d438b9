import { beforeEach, describe, expect, it } from "vitest";
import { applySite, type SiteBrand } from "../src/site";

const acme: SiteBrand = {
  name: "Acme Crews",
  whiteLabel: true,
  primaryColor: "#0f766e",
  logoDataUrl: "data:image/png;base64,iVBORw0KGgo=",
  supportContact: "help@acme.example",
  footerLinks: [{ label: "Terms", url: "https://acme.example/terms" }, { label: "Bad", url: "javascript:alert(1)" }],
};

describe("the site's own brand", () => {
  beforeEach(() => {
    document.documentElement.removeAttribute("style");
    delete document.documentElement.dataset.whiteLabel;
    document.title = "Generate a crew · CrewBuilder";
    document.body.innerHTML = `
      <header class="site-header"><a class="brand" href="/" aria-label="CrewBuilder home"><img src="/favicon.svg" alt="" /> CrewBuilder</a>
        <nav><a href="/generate">Generate a crew</a><a href="/pricing">Pricing</a><a href="/billing">Billing</a></nav></header>
      <main><p>CrewBuilder turns a requirement into a crew.</p><code>CrewBuilder.Core</code><a href="/pricing#plan-generation">Buy one</a></main>
      <footer class="site-footer"><nav><a href="/pricing">Pricing</a><a href="mailto:support@crewbuilder.dev">Contact</a></nav><p>CrewBuilder</p></footer>`;
  });

  it("on an organisation's hostname shows only its brand, without CrewBuilder's pricing", () => {
    applySite(acme);

    expect(document.documentElement.dataset.whiteLabel).toBe("");
    expect(document.documentElement.style.getPropertyValue("--brand")).toBe("#0f766e");
    expect(document.title).toBe("Generate a crew · Acme Crews");
    const brand = document.querySelector<HTMLAnchorElement>(".brand")!;
    expect(brand.textContent).toBe("Acme Crews");
    expect(brand.getAttribute("aria-label")).toBe("Acme Crews home");
    expect(brand.querySelector("img")?.getAttribute("src")).toBe(acme.logoDataUrl);
    expect(document.querySelectorAll("a[href^='/pricing'], a[href='/billing']")).toHaveLength(0);
    expect(document.querySelector("main p")?.textContent).toBe("Acme Crews turns a requirement into a crew.");
    expect(document.querySelector("main code")?.textContent).toBe("CrewBuilder.Core");
    const footer = [...document.querySelectorAll<HTMLAnchorElement>(".site-footer nav a")].map((link) => [link.textContent, link.getAttribute("href")]);
    expect(footer).toEqual([["Terms", "https://acme.example/terms"], ["Acme Crews support", "mailto:help@acme.example"], ["Privacy", "/privacy"]]);
    expect(document.querySelector(".site-footer p")?.textContent).toBe("Acme Crews");
  });

  it("leaves CrewBuilder's own site as it is", () => {
    const before = document.body.innerHTML;
    applySite({ name: "CrewBuilder", whiteLabel: false, footerLinks: [] });

    expect(document.body.innerHTML).toBe(before);
    expect(document.documentElement.dataset.whiteLabel).toBeUndefined();
  });

  it("ignores a colour or logo the API would not have accepted", () => {
    applySite({ ...acme, primaryColor: "red; background: url(x)", logoDataUrl: "javascript:alert(1)" });

    expect(document.documentElement.style.getPropertyValue("--brand")).toBe("");
    expect(document.querySelector(".brand img")).toBeNull();
  });
});
