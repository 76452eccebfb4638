/** The build id of the package at `root`: 16 hex digits of the sha256 of its sources, package.json and lockfile. */
export function buildIdOf(root: string): string;
