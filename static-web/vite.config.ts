import { resolve } from "node:path";
import { defineConfig } from "vitest/config";
import { sitePartials } from "./site-partials.ts";

export default defineConfig({
  plugins: [sitePartials(import.meta.dirname)],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    rollupOptions: {
      input: {
        index: resolve(import.meta.dirname, "index.html"),
        generate: resolve(import.meta.dirname, "generate.html"),
        signin: resolve(import.meta.dirname, "signin.html"),
        account: resolve(import.meta.dirname, "account.html"),
        "api-reference": resolve(import.meta.dirname, "api-reference.html"),
        settings: resolve(import.meta.dirname, "settings.html"),
        pricing: resolve(import.meta.dirname, "pricing.html"),
        billing: resolve(import.meta.dirname, "billing.html"),
        orgs: resolve(import.meta.dirname, "orgs.html"),
        privacy: resolve(import.meta.dirname, "privacy.html"),
        terms: resolve(import.meta.dirname, "terms.html"),
        status: resolve(import.meta.dirname, "status.html"),
        "404": resolve(import.meta.dirname, "404.html"),
      },
    },
  },
  server: {
    port: 5173,
    proxy: { "/api": "http://localhost:7071" },
  },
  test: {
    environment: "jsdom",
    include: ["tests/**/*.test.ts"],
  },
});
