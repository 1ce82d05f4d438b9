/** A small syntax highlighter for the files CrewBuilder generates: tokens become spans, text stays text (never HTML). */

export type Language = "python" | "yaml" | "toml" | "markdown" | "json" | "dockerfile" | "bicep" | "text";

export interface Token {
  text: string;
  kind?: "comment" | "string" | "keyword" | "number" | "key" | "heading" | "decorator" | "section";
}

export function languageOf(path: string): Language {
  const name = path.split("/").pop() ?? path;
  if (name === "Dockerfile") return "dockerfile";
  const extension = name.includes(".") ? name.slice(name.lastIndexOf(".") + 1).toLowerCase() : "";
  const byExtension: Record<string, Language> = {
    py: "python", yaml: "yaml", yml: "yaml", toml: "toml", md: "markdown", json: "json", bicep: "bicep", example: "toml",
  };
  return byExtension[extension] ?? "text";
}

const python = "False|None|True|and|as|assert|async|await|break|class|continue|def|del|elif|else|except|finally|for|from|global|if|import|in|is|lambda|nonlocal|not|or|pass|raise|return|try|while|with|yield";
const bicep = "param|var|resource|module|output|targetScope|existing|if|for|in|true|false|null";
const docker = "FROM|RUN|CMD|COPY|ADD|ENV|WORKDIR|EXPOSE|USER|HEALTHCHECK|ENTRYPOINT|ARG|LABEL|VOLUME";

// Each language: its token kinds in the order they are tried at a position; the first that matches wins.
const rules: Record<Exclude<Language, "text">, [NonNullable<Token["kind"]>, string][]> = {
  python: [
    ["string", String.raw`"""[\s\S]*?"""|'''[\s\S]*?'''|[rbfu]?"(?:\\.|[^"\\\n])*"|[rbfu]?'(?:\\.|[^'\\\n])*'`],
    ["comment", String.raw`#[^\n]*`],
    ["decorator", String.raw`@\w+`],
    ["keyword", String.raw`\b(?:${python})\b`],
    ["number", String.raw`\b\d+(?:\.\d+)?\b`],
  ],
  yaml: [
    ["comment", String.raw`#[^\n]*`],
    ["key", String.raw`^[ \t]*(?:- )?[\w.-]+(?=:)`],
    ["string", String.raw`"(?:\\.|[^"\\\n])*"|'(?:[^'\n]|'')*'`],
    ["number", String.raw`\b\d+(?:\.\d+)?\b`],
  ],
  toml: [
    ["comment", String.raw`#[^\n]*`],
    ["section", String.raw`^\[[^\]\n]+\]`],
    ["key", String.raw`^[ \t]*[\w.-]+(?=[ \t]*=)`],
    ["string", String.raw`"(?:\\.|[^"\\\n])*"|'[^'\n]*'`],
    ["number", String.raw`\b\d+(?:\.\d+)?\b`],
  ],
  json: [
    ["key", String.raw`"(?:\\.|[^"\\\n])*"(?=\s*:)`],
    ["string", String.raw`"(?:\\.|[^"\\\n])*"`],
    ["keyword", String.raw`\b(?:true|false|null)\b`],
    ["number", String.raw`-?\b\d+(?:\.\d+)?\b`],
  ],
  markdown: [
    ["string", "```[\\s\\S]*?```|`[^`\\n]+`"],
    ["heading", String.raw`^#{1,6} [^\n]*`],
    ["keyword", String.raw`\*\*[^*\n]+\*\*`],
  ],
  dockerfile: [
    ["comment", String.raw`#[^\n]*`],
    ["keyword", String.raw`^(?:${docker})\b`],
    ["string", String.raw`"(?:\\.|[^"\\\n])*"`],
  ],
  bicep: [
    ["comment", String.raw`//[^\n]*`],
    ["string", String.raw`'(?:\\.|[^'\\\n])*'`],
    ["decorator", String.raw`@\w+`],
    ["keyword", String.raw`\b(?:${bicep})\b`],
    ["number", String.raw`\b\d+(?:\.\d+)?\b`],
  ],
};

export function tokenize(text: string, language: Language): Token[] {
  if (language === "text") return [{ text }];
  const kinds = rules[language];
  const pattern = new RegExp(kinds.map(([, source], index) => `(?<k${index}>${source})`).join("|"), "gm");
  const tokens: Token[] = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match[0].length === 0) continue;
    if (match.index > last) tokens.push({ text: text.slice(last, match.index) });
    const index = kinds.findIndex((_, i) => match.groups?.[`k${i}`] !== undefined);
    tokens.push({ text: match[0], kind: kinds[index][0] });
    last = match.index + match[0].length;
  }
  if (last < text.length) tokens.push({ text: text.slice(last) });
  return tokens;
}

/** The tokens cut at each line break, one list per line, so that each line can carry its number. */
export function splitLines(tokens: Token[]): Token[][] {
  const lines: Token[][] = [[]];
  for (const token of tokens) {
    token.text.split("\n").forEach((piece, index) => {
      if (index > 0) lines.push([]);
      if (piece !== "") lines[lines.length - 1].push({ text: piece, kind: token.kind });
    });
  }
  return lines;
}

/** The code as numbered lines of highlighted spans; the numbers are CSS counters, so copying the text leaves them out. */
export function renderCode(code: HTMLElement, text: string, language: Language): void {
  code.dataset.language = language;
  code.replaceChildren(
    ...splitLines(tokenize(text.replace(/\n$/, ""), language)).map((tokens) => {
      const line = document.createElement("span");
      line.className = "line";
      line.append(
        ...tokens.map((token) => {
          if (!token.kind) return document.createTextNode(token.text);
          const span = document.createElement("span");
          span.className = `tok-${token.kind}`;
          span.textContent = token.text;
          return span;
        }),
        "\n",
      );
      return line;
    }),
  );
}
