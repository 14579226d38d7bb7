export declare const STAMP_FILE: string;
export declare function hashInputs(root: string, files: readonly string[]): string;
export declare function isBuildFresh(root: string): boolean;
