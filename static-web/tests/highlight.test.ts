import { describe, expect, it } from "vitest";
import { languageOf, renderCode, splitLines, tokenize } from "../src/highlight";

describe("languageOf", () => {
  it("knows the generated project's kinds of file", () => {
    expect(["src/x/crew.py", "config/agents.yaml", "pyproject.toml", "README.md", "Dockerfile", "infra/main.bicep", ".env.example", "LICENSE"].map(languageOf))
      .toEqual(["python", "yaml", "toml", "markdown", "dockerfile", "bicep", "toml", "text"]);
  });
});

describe("tokenize", () => {
  it("marks Python decorators, keywords, strings and comments, keeping every character", () => {
    const source = '@agent\ndef triage(self) -> Agent:  # the first\n    return Agent(config="x#y")\n';
    const tokens = tokenize(source, "python");

    expect(tokens.map((token) => token.text).join("")).toBe(source);
    expect(tokens.filter((token) => token.kind).map((token) => [token.kind, token.text])).toEqual([
      ["decorator", "@agent"],
      ["keyword", "def"],
      ["comment", "# the first"],
      ["keyword", "return"],
      ["string", '"x#y"'],
    ]);
  });

  it("keeps a docstring with quotes and hashes inside as one string", () => {
    const tokens = tokenize('"""A "quoted" # not a comment"""\n', "python");
    expect(tokens[0]).toEqual({ text: '"""A "quoted" # not a comment"""', kind: "string" });
  });

  it("marks YAML keys at the start of a line, not in values", () => {
    const tokens = tokenize("triage_agent:\n  role: Ticket Classifier\n  goal: 'Sort: every ticket'\n", "yaml");
    expect(tokens.filter((token) => token.kind === "key").map((token) => token.text.trim())).toEqual(["triage_agent", "role", "goal"]);
    expect(tokens.find((token) => token.kind === "string")?.text).toBe("'Sort: every ticket'");
  });
});

describe("renderCode", () => {
  it("builds spans from text, never HTML", () => {
    const code = document.createElement("code");
    renderCode(code, 'name = "<img src=x onerror=alert(1)>"\n', "toml");

    expect(code.querySelector("img")).toBeNull();
    expect(code.querySelector(".tok-string")?.textContent).toBe('"<img src=x onerror=alert(1)>"');
    expect(code.dataset.language).toBe("toml");
  });

  it("puts each line in its own span, a docstring over three lines in three, and the text back together unchanged", () => {
    const text = 'def run():\n    """Runs\n    the crew."""\n    return 1';
    const code = document.createElement("code");
    renderCode(code, text, "python");

    const lines = [...code.querySelectorAll(".line")];
    expect(lines).toHaveLength(4);
    expect(lines.map((line) => line.querySelector("span")?.className)).toEqual(["tok-keyword", "tok-string", "tok-string", "tok-keyword"]);
    expect(code.textContent).toBe(`${text}\n`);
  });
});

describe("splitLines", () => {
  it("cuts tokens at line breaks and keeps empty lines", () => {
    expect(splitLines([{ text: "a\n\nb", kind: "comment" }])).toEqual([[{ text: "a", kind: "comment" }], [], [{ text: "b", kind: "comment" }]]);
  });
});
