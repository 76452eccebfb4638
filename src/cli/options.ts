/** Option and argument parsers commander calls; their errors are commander's `invalidArgument`. */
import { InvalidArgumentError } from "commander";
import { didYouMean } from "../suggest.js";

/** A whole number, 0 or more. */
export function nonNegativeInt(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError("must be a whole number (0 or more)");
  return Number(value);
}

/** Comma-separated values, accumulated over repeats of the option. */
export function commaList(value: string, previous: string[] | undefined): string[] {
  return [
    ...(previous ?? []),
    ...value
      .split(",")
      .map((v) => v.trim())
      .filter(Boolean),
  ];
}

/** A parser that accepts one of `choices` and otherwise names them, with a suggestion (`list model`: did you mean models?). */
export function oneOf<T extends string>(choices: readonly T[]): (value: string) => T {
  return (value) => {
    if ((choices as readonly string[]).includes(value)) return value as T;
    const hint = didYouMean(value, choices);
    throw new InvalidArgumentError(`Allowed choices are ${choices.join(", ")}${hint || "."}`);
  };
}
