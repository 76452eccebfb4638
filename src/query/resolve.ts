/** Name resolution lives with the graph; re-exported here for callers that import it from the queries. */
export { resolve, resolveAny, UnknownNameError, type NameKind, type Named } from "../graph/index.js";
