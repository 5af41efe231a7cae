import { buildOpenApiDocument } from "@/lib/http/openapi";

/** Built once at build time: it depends only on the code. */
export const dynamic = "force-static";

export const GET = () => Response.json(buildOpenApiDocument());
