import { languageOf, renderCode } from "./highlight";

/**
 * A small Markdown renderer for the documents CrewBuilder generates (README, REVIEW, FEASIBILITY): headings, paragraphs,
 * lists, tables, quotes, rules, fenced code, and inline code, bold, italics and links. It builds DOM nodes from text,
 * never HTML, so nothing in a generated file can put markup or script on the page; links go only to http(s) or to
 * another file of the project (opened in the viewer).
 */

export interface MarkdownOptions {
  /** Opens another file of the project, for a relative link such as [REVIEW.md](REVIEW.md). */
  openFile?: (path: string) => void;
  /** A copy button for each code block. */
  copyButton?: (text: string) => HTMLButtonElement;
}

const inline = /`([^`\n]+)`|\*\*([^*\n]+)\*\*|\[([^\]\n]+)\]\(([^)\s]+)\)|(?<![\w*])[*_]([^*_\n]+)[*_](?![\w*])/g;

/** The address a link may have on the page: http(s) as it is, a project file for the viewer, anything else none. */
export function safeHref(href: string): { external: string } | { file: string } | null {
  if (/^https?:\/\//i.test(href)) return { external: href };
  if (/^[\w./-]+$/.test(href) && !href.startsWith("/") && !href.includes("..")) return { file: href.replace(/^\.\//, "") };
  return null;
}

function inlineNodes(text: string, options: MarkdownOptions): Node[] {
  const nodes: Node[] = [];
  let last = 0;
  for (const match of text.matchAll(inline)) {
    if (match.index > last) nodes.push(document.createTextNode(text.slice(last, match.index)));
    last = match.index + match[0].length;
    const [, code, bold, linkText, href, emphasis] = match;
    if (code !== undefined) nodes.push(Object.assign(document.createElement("code"), { textContent: code }));
    else if (bold !== undefined) nodes.push(Object.assign(document.createElement("strong"), { textContent: bold }));
    else if (emphasis !== undefined) nodes.push(Object.assign(document.createElement("em"), { textContent: emphasis }));
    else nodes.push(link(linkText, href, options));
  }
  if (last < text.length) nodes.push(document.createTextNode(text.slice(last)));
  return nodes;
}

function link(text: string, href: string, options: MarkdownOptions): Node {
  const target = safeHref(href);
  if (!target || ("file" in target && !options.openFile)) return document.createTextNode(text);
  const anchor = document.createElement("a");
  anchor.textContent = text;
  if ("external" in target) {
    anchor.href = target.external;
    anchor.rel = "noopener noreferrer";
  } else {
    anchor.href = `#file=${encodeURIComponent(target.file)}`;
    anchor.addEventListener("click", (event) => {
      event.preventDefault();
      options.openFile?.(target.file);
    });
  }
  return anchor;
}

const block = (tag: string, text: string, options: MarkdownOptions): HTMLElement => {
  const element = document.createElement(tag);
  element.append(...inlineNodes(text, options));
  return element;
};

const cells = (row: string): string[] =>
  row.trim().replace(/^\||\|$/g, "").split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, "|"));

function table(rows: string[], options: MarkdownOptions): HTMLElement {
  const wrapper = document.createElement("div");
  wrapper.className = "md-table";
  const element = document.createElement("table");
  const head = element.createTHead().insertRow();
  for (const cell of cells(rows[0])) head.append(block("th", cell, options));
  const body = element.createTBody();
  for (const row of rows.slice(2)) {
    const line = body.insertRow();
    for (const cell of cells(row)) line.append(block("td", cell, options));
  }
  wrapper.append(element);
  return wrapper;
}

function codeBlock(text: string, fence: string, options: MarkdownOptions): HTMLElement {
  const figure = document.createElement("div");
  figure.className = "md-code";
  const pre = document.createElement("pre");
  const code = document.createElement("code");
  renderCode(code, text, languageOf(`x.${fence === "python" ? "py" : fence || "txt"}`));
  pre.append(code);
  if (options.copyButton) figure.append(options.copyButton(text));
  figure.append(pre);
  return figure;
}

const listItem = /^\s*(?:[-*+]|(\d+)\.)\s+(.*)$/;

/** The document as nodes to put in the viewer. */
export function renderMarkdown(text: string, options: MarkdownOptions = {}): DocumentFragment {
  const fragment = document.createDocumentFragment();
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  let paragraph: string[] = [];
  const flush = (): void => {
    if (paragraph.length > 0) fragment.append(block("p", paragraph.join(" "), options));
    paragraph = [];
  };
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    const fence = /^```\s*([\w-]*)/.exec(line);
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (fence) {
      flush();
      const start = index + 1;
      while (index + 1 < lines.length && !/^```/.test(lines[index + 1])) index++;
      fragment.append(codeBlock(lines.slice(start, index + 1).join("\n"), fence[1].toLowerCase(), options));
      index++;
    } else if (heading) {
      flush();
      // The viewer sits under the page's h3: a document's # is an h4, and so on down to h6.
      fragment.append(block(`h${Math.min(6, heading[1].length + 3)}`, heading[2], options));
    } else if (line.trimStart().startsWith("|") && /^\s*\|?\s*:?-{3,}/.test(lines[index + 1] ?? "")) {
      flush();
      const start = index;
      while (index + 1 < lines.length && lines[index + 1].trimStart().startsWith("|")) index++;
      fragment.append(table(lines.slice(start, index + 1), options));
    } else if (listItem.test(line)) {
      flush();
      const list = document.createElement(listItem.exec(line)![1] ? "ol" : "ul");
      const items: string[] = [];
      // An indented line under an item goes on with it ("- Q: …" then "  A: …").
      for (; index < lines.length && (listItem.test(lines[index]) || /^\s{2,}\S/.test(lines[index])); index++) {
        const item = listItem.exec(lines[index]);
        if (item) items.push(item[2]);
        else items[items.length - 1] += ` ${lines[index].trim()}`;
      }
      index--;
      list.append(...items.map((item) => block("li", item, options)));
      fragment.append(list);
    } else if (line.startsWith(">")) {
      flush();
      const quote = document.createElement("blockquote");
      for (; index < lines.length && lines[index].startsWith(">"); index++) quote.append(block("p", lines[index].replace(/^>\s?/, ""), options));
      index--;
      fragment.append(quote);
    } else if (/^\s*(?:-{3,}|\*{3,})\s*$/.test(line)) {
      flush();
      fragment.append(document.createElement("hr"));
    } else if (line.trim() === "") {
      flush();
    } else {
      paragraph.push(line.trim());
    }
  }
  flush();
  return fragment;
}
