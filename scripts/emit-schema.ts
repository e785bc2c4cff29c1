import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printSchema } from 'graphql';
import { buildGatewaySchema } from '../src/schema';

/** Writes the SDL the code defines to schema/schema.graphql (checked in; a test keeps it in sync). */
buildGatewaySchema().then((schema) => {
  const file = join(__dirname, '..', 'schema', 'schema.graphql');
  writeFileSync(file, `${printSchema(schema)}\n`);
  console.log(`wrote ${file}`);
});
