import "./styles.css";
import { callApi } from "./api";
import { element, showError } from "./dom";
import { renderAccountNav } from "./nav";
import { operations, sketch, type OpenApi, type Operation } from "./openapi";

renderAccountNav();

const make = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] => {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
};

/** A code block that may scroll sideways, reachable from the keyboard so it can be. */
const codeBlock = (text: string): HTMLPreElement => {
  const pre = make("pre", text);
  pre.tabIndex = 0;
  return pre;
};

/** Text with `code` spans, built as nodes (never as HTML). */
function prose(tag: "p" | "span", text: string, className?: string): HTMLElement {
  const node = make(tag, undefined, className);
  text.split("`").forEach((part, index) => node.append(index % 2 === 1 ? make("code", part) : part));
  return node;
}

function operationSection(operation: Operation, document: OpenApi): HTMLElement {
  const section = make("section", undefined, "panel operation");
  section.id = operation.operationId;
  const heading = make("h3");
  heading.append(make("span", operation.method, `method method-${operation.method.toLowerCase()}`), " ", make("code", operation.path));
  section.append(heading, make("p", operation.summary, "operation-summary"), prose("p", operation.description));
  section.append(make("p", operation.requiresAuth ? "Requires a bearer token." : "A bearer token is optional.", "hint"));

  if (operation.parameters.length > 0) {
    section.append(make("h4", "Parameters"));
    const list = make("dl", undefined, "facts");
    for (const parameter of operation.parameters) {
      list.append(make("dt", `${parameter.name} (${parameter.in})`), make("dd", parameter.description ?? sketch(parameter.schema, document.components.schemas)));
    }
    section.append(list);
  }
  if (operation.requestBody) {
    section.append(make("h4", "Request body"), codeBlock(sketch(operation.requestBody, document.components.schemas)));
  }
  section.append(make("h4", "Responses"));
  const responses = make("ul", undefined, "responses");
  for (const response of operation.responses) {
    const item = make("li");
    item.append(make("strong", response.status), " ", prose("span", response.description));
    if (response.schema && response.contentType === "application/json") {
      const details = make("details");
      details.append(make("summary", "Shape"), codeBlock(sketch(response.schema, document.components.schemas)));
      item.append(details);
    }
    responses.append(item);
  }
  section.append(responses);
  return section;
}

try {
  const document = await callApi<OpenApi>("/api/openapi.json");
  element("intro").replaceChildren(prose("span", document.info.description));
  const all = operations(document);
  const toc = element("toc");
  const container = element("operations");
  for (const tag of [...new Set(all.map((operation) => operation.tag))]) {
    const group = all.filter((operation) => operation.tag === tag);
    container.append(make("h2", tag), ...group.map((operation) => operationSection(operation, document)));
    const links = make("ul");
    for (const operation of group) {
      const link = make("a", `${operation.method} ${operation.path}`);
      link.href = `#${operation.operationId}`;
      const item = make("li");
      item.append(link);
      links.append(item);
    }
    const tocGroup = make("div");
    tocGroup.append(make("h2", tag, "toc-heading"), links);
    toc.append(tocGroup);
  }
} catch {
  showError(element("reference-error"), "The API description could not be loaded.");
}
