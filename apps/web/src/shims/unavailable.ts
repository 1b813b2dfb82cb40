/** An error for a Node built-in that the browser build does not provide. */
export function unavailable(name: string): never {
  throw new Error(
    `${name} is not available in the browser (run this part of @rectify/experiments in Node)`,
  );
}
