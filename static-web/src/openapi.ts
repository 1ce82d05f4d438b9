/** Reads the parts of an OpenAPI 3.1 document the reference page shows, and writes schemas the way a reader thinks of them. */

export type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  format?: string;
  additionalProperties?: Schema | boolean;
};

export interface Operation {
  method: string;
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description: string;
  requiresAuth: boolean;
  parameters: { name: string; in: string; description?: string; schema: Schema }[];
  requestBody?: Schema;
  responses: { status: string; description: string; schema?: Schema; contentType?: string }[];
}

export interface OpenApi {
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, RawOperation>>;
  components: { schemas: Record<string, Schema> };
}

interface RawOperation {
  operationId: string;
  tags: string[];
  summary: string;
  description: string;
  security: Record<string, unknown>[];
  parameters?: Operation["parameters"];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>;
}

export function operations(document: OpenApi): Operation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, raw]) => ({
      method: method.toUpperCase(),
      path,
      operationId: raw.operationId,
      tag: raw.tags[0] ?? "Other",
      summary: raw.summary,
      description: raw.description,
      requiresAuth: !raw.security.some((requirement) => Object.keys(requirement).length === 0),
      parameters: raw.parameters ?? [],
      requestBody: raw.requestBody ? Object.values(raw.requestBody.content)[0]?.schema : undefined,
      responses: Object.entries(raw.responses).map(([status, response]) => {
        const [contentType, media] = Object.entries(response.content ?? {})[0] ?? [];
        return { status, description: response.description, schema: media?.schema, contentType };
      }),
    })),
  );
}

const typeName = (schema: Schema): string => {
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const concrete = types.filter((type) => type !== "null");
  const base = schema.format === "date-time" ? "date-time" : concrete.includes("integer") ? "integer" : concrete[0] ?? "any";
  return types.includes("null") ? `${base} | null` : base;
};

/** A schema as a short, TypeScript-like sketch: `{ id: string, status: "queued" | … }`. */
export function sketch(schema: Schema | undefined, components: Record<string, Schema>, indent = "", seen: string[] = []): string {
  if (!schema) return "—";
  if (schema.$ref) {
    const name = schema.$ref.split("/").pop() ?? "";
    if (seen.includes(name)) return name;
    return sketch(components[name], components, indent, [...seen, name]);
  }
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(" | ");
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes("array")) return `${sketch(schema.items, components, indent, seen)}[]`;
  if (schema.properties) {
    const inner = indent + "  ";
    const required = new Set(schema.required ?? []);
    const lines = Object.entries(schema.properties).map(
      ([name, property]) => `${inner}${name}${required.has(name) ? "" : "?"}: ${sketch(property, components, inner, seen)}`,
    );
    return `{\n${lines.join(",\n")}\n${indent}}`;
  }
  return typeName(schema);
}
