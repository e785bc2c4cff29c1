/**
 * What the server hands the IDE page (as JSON in <script id="ide-config">):
 * shared by src/modules/ide/ide.ts (server) and src/modules/ide/browser (the page), so both
 * sides type-check against one shape.
 */

/** One GraphiQL tab, as GraphiQL's `defaultTabs` takes it. */
export interface IdeTab {
  query: string;
  variables: string;
  headers: string;
}

/** Presets by who uses them: the page shows one group's tabs at a time. */
export interface IdePresetGroup {
  /** Stable id: the group's tab state is stored under it. */
  id: string;
  label: string;
  /** Who the group is for and which token its operations take. */
  description: string;
  tabs: IdeTab[];
}

export interface IdePageConfig {
  endpoint: string;
  title: string;
  groups: IdePresetGroup[];
  /** Where an analyst reads a document image: `{token}` stands for the analysis token. */
  documentImageUrl: string;
}
