export declare const STOPWORDS: readonly string[];
export declare function holdsStopword(value: string): boolean;
export declare function looksLikePlaceholder(value: string): boolean;
