import { describe, expect, it } from "vitest";
import { operations, sketch, type OpenApi } from "../src/openapi";

const document: OpenApi = {
  info: { title: "CrewBuilder API", version: "0.1.0", description: "…" },
  paths: {
    "/api/generations": {
      post: {
        operationId: "createGeneration", tags: ["Generations"], summary: "Start a generation", description: "d",
        security: [{}, { bearer: [] }],
        requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/CreateGenerationRequest" } } } },
        responses: { "202": { description: "Accepted", content: { "application/json": { schema: { $ref: "#/components/schemas/GenerationAccepted" } } } } },
      },
    },
    "/api/generations/{id}": {
      get: {
        operationId: "getGeneration", tags: ["Generations"], summary: "Follow", description: "d", security: [{ bearer: [] }],
        parameters: [{ name: "id", in: "path", schema: { type: "string" } }],
        responses: { "404": { description: "Not found" } },
      },
    },
  },
  components: {
    schemas: {
      CreateGenerationRequest: { type: "object", properties: { requirement: { type: ["string", "null"] } }, required: ["requirement"] },
      GenerationAccepted: {
        type: "object",
        properties: { id: { type: "string" }, status: { enum: ["queued", "running"] }, steps: { type: "array", items: { type: "object", properties: { at: { type: "string", format: "date-time" } } } } },
        required: ["id"],
      },
    },
  },
};

describe("operations", () => {
  it("lists every method of every path with its tag, parameters and whether a token is required", () => {
    const all = operations(document);
    expect(all.map((operation) => `${operation.method} ${operation.path}`)).toEqual(["POST /api/generations", "GET /api/generations/{id}"]);
    expect(all[0].requiresAuth).toBe(false);
    expect(all[1].requiresAuth).toBe(true);
    expect(all[1].parameters[0].name).toBe("id");
    expect(all[0].responses[0]).toMatchObject({ status: "202", contentType: "application/json" });
  });
});

describe("sketch", () => {
  it("writes a referenced object schema as a readable shape, marking optional fields", () => {
    const shape = sketch({ $ref: "#/components/schemas/GenerationAccepted" }, document.components.schemas);
    expect(shape).toBe('{\n  id: string,\n  status?: "queued" | "running",\n  steps?: {\n    at?: date-time\n  }[]\n}');
  });

  it("shows nullable types", () => {
    expect(sketch({ $ref: "#/components/schemas/CreateGenerationRequest" }, document.components.schemas)).toBe("{\n  requirement: string | null\n}");
  });
});
