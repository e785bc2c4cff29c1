import type * as GraphiQLReact from '@graphiql/react';
import type { createGraphiQLFetcher, createLocalStorage } from '@graphiql/toolkit';
import type { GraphiQL as GraphiQLComponent } from 'graphiql';
import type * as GraphQL from 'graphql';
import type * as GraphqlWs from 'graphql-ws';
import type * as ReactModule from 'react';
import type * as ReactDOMClient from 'react-dom/client';

/**
 * The libraries the page loads before this bundle, as their browser builds
 * from node_modules (src/modules/ide/ide.ts serves them): React, ReactDOM, graphql-ws
 * and GraphiQL's CDN build, which carries its own @graphiql/react, toolkit and
 * graphql. This bundle uses those copies (one React, one GraphiQL context) and
 * takes only their types from the packages.
 */
type GraphiQLGlobal = typeof GraphiQLComponent & {
  createFetcher: typeof createGraphiQLFetcher;
  createLocalStorage: typeof createLocalStorage;
  GraphQL: typeof GraphQL;
  React: typeof GraphiQLReact;
};

const page = globalThis as unknown as {
  React: typeof ReactModule;
  ReactDOM: typeof ReactDOMClient;
  GraphiQL: GraphiQLGlobal;
  graphqlWs: typeof GraphqlWs;
};

export const React = page.React;
export const ReactDOM = page.ReactDOM;
export const GraphiQL = page.GraphiQL;
export const graphqlWs = page.graphqlWs;
