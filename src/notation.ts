/** The article's notation: kept in the vocabulary module; re-exported here for older imports. */
export { changeSymbol, stateSymbol, NOTATION, STATE_LEGEND as LEGEND } from "./vocabulary.js";
