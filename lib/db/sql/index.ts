import { databaseUrl } from "../client";
import { dialectOf } from "../dialect";
import { postgresSql } from "./postgres";
import { sqliteSql } from "./sqlite";
import type { DialectSql } from "./types";

/** The hand-written SQL of the database this process serves. */
export function dialectSql(): DialectSql {
  return dialectOf(databaseUrl()) === "postgres" ? postgresSql : sqliteSql;
}
