import { describe, expect, it } from "vitest";
import { renderMarkdown, safeHref } from "../src/markdown";

const render = (text: string, openFile?: (path: string) => void): HTMLDivElement => {
  const box = document.createElement("div");
  box.append(renderMarkdown(text, { openFile }));
  return box;
};

describe("renderMarkdown", () => {
  it("renders headings under the viewer's h3, paragraphs, lists, tables, quotes and fenced code", () => {
    const box = render([
      "# Support triage crew", "", "> **Made in template mode**", "", "## Agents", "",
      "| Agent | Role |", "|---|---|", "| `triage` | Sorts \\| tickets |", "",
      "1. `triage_task`, done by `triage`", "2. `reply_task`", "", "- **Rate limits**: lower how often it runs", "",
      "```bash", "crewai run", "```", "", "A paragraph", "that wraps.",
    ].join("\n"));

    expect([...box.querySelectorAll("h4, h5")].map((heading) => `${heading.tagName}:${heading.textContent}`)).toEqual(["H4:Support triage crew", "H5:Agents"]);
    expect(box.querySelector("blockquote strong")?.textContent).toBe("Made in template mode");
    expect([...box.querySelectorAll("th")].map((cell) => cell.textContent)).toEqual(["Agent", "Role"]);
    expect([...box.querySelectorAll("td")].map((cell) => cell.textContent)).toEqual(["triage", "Sorts | tickets"]);
    expect(box.querySelectorAll("ol li")).toHaveLength(2);
    expect(box.querySelector("ul li strong")?.textContent).toBe("Rate limits");
    expect(box.querySelector("pre code")?.textContent).toBe("crewai run\n");
    expect(box.lastElementChild?.textContent).toBe("A paragraph that wraps.");
  });

  it("lets no HTML or script from the text reach the page", () => {
    const box = render('<img src=x onerror=alert(1)>\n\n[click](javascript:alert(1)) and <script>alert(2)</script>\n\n| <b>x</b> |\n|---|\n| <iframe> |');

    expect(box.querySelector("img, script, iframe, b")).toBeNull();
    expect(box.querySelector("a")).toBeNull();
    expect(box.textContent).toContain("<img src=x onerror=alert(1)>");
  });

  it("opens a link to another project file in the viewer and sends web links to the web", () => {
    const opened: string[] = [];
    const box = render("See [REVIEW.md](REVIEW.md) and [CrewAI](https://docs.crewai.com).", (path) => opened.push(path));
    const [file, web] = [...box.querySelectorAll("a")];
    file.click();

    expect(opened).toEqual(["REVIEW.md"]);
    expect(web.getAttribute("href")).toBe("https://docs.crewai.com");
    expect(web.rel).toBe("noopener noreferrer");
  });
});

describe("renderMarkdown lists", () => {
  it("keeps an indented line with the item above it", () => {
    const box = render("- Q: Who approves replies?\n  A: Draft replies that agents approve\n- Q: How fast?");

    expect([...box.querySelectorAll("li")].map((item) => item.textContent)).toEqual(["Q: Who approves replies? A: Draft replies that agents approve", "Q: How fast?"]);
  });
});

describe("safeHref", () => {
  it("admits http(s) and project paths only", () => {
    expect(safeHref("https://example.com")).toEqual({ external: "https://example.com" });
    expect(safeHref("./docs/setup.md")).toEqual({ file: "docs/setup.md" });
    expect([safeHref("javascript:alert(1)"), safeHref("../../etc/passwd"), safeHref("/api/me"), safeHref("data:text/html,x")]).toEqual([null, null, null, null]);
  });
});
