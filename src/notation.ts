/** The article's notation for an ability's state. */

/** `+` given (introduced, unlocked, restored), `++` strengthened, `-` weakened, `--` lost, blank absent. */
export function stateSymbol(state: string): string {
  switch (state) {
    case "introduced":
    case "unlocked":
    case "restored":
      return "+";
    case "strengthened":
      return "++";
    case "weakened":
      return "-";
    case "lost":
      return "--";
    default:
      return "";
  }
}

/** The legend of the notation, one line. */
export const LEGEND = "+ introduced, unlocked or restored; ++ strengthened; - weakened; -- lost; blank: absent";
