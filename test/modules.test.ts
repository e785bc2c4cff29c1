import { Field, Int, Mutation, ObjectType, Query, Resolver, Arg, Ctx } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { MODULES } from '../src/app';
import { GatewayContext } from '../src/platform/graphql/context';
import { PollingLoop } from '../src/platform/jobs/polling';
import type { GatewayModule, ModuleWorker } from '../src/platform/module';
import { eventually } from './support/process';
import { startTestGateway, TestGateway, tokenFor } from './support/gateway';
import { testDatabaseKind } from './support/database';

// A domain added as the issue says one is: its own folder (here, this file) and one line in the module list.
@ObjectType()
@Entity('fixture_notes')
class FixtureNote {
  @Field(() => Int)
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Field()
  @Column({ type: 'varchar', length: 100 })
  text!: string;

  @Field()
  @Column({ type: 'boolean', default: false })
  processed!: boolean;
}

@Resolver(() => FixtureNote)
class FixtureNoteResolver {
  @Query(() => [FixtureNote])
  fixtureNotes(@Ctx() context: GatewayContext): Promise<FixtureNote[]> {
    return context.dataSource.getRepository(FixtureNote).find({ order: { id: 'ASC' } });
  }

  @Mutation(() => FixtureNote)
  addFixtureNote(@Arg('text') text: string, @Ctx() context: GatewayContext): Promise<FixtureNote> {
    return context.dataSource.getRepository(FixtureNote).save({ text, processed: false });
  }
}

const fixtureModule: GatewayModule = {
  name: 'fixture',
  entities: [FixtureNote],
  resolvers: [FixtureNoteResolver],
  access: {
    'Query.fixtureNotes': { callers: ['analyst'], resource: 'public', policy: {} },
    'Mutation.addFixtureNote': { callers: ['analyst'], resource: 'public', policy: {} },
  },
  setup: ({ dataSource, config }) => {
    let loop: PollingLoop | null = null;
    const worker: ModuleWorker = {
      start: (options) => {
        loop = new PollingLoop({
          name: 'fixture worker',
          pollMs: config.workerPollMs,
          keepProcessAlive: options?.keepProcessAlive ?? false,
          poll: async () => ({
            done: (await dataSource.getRepository(FixtureNote).update({ processed: false }, { processed: true })).affected ?? 0,
            nextDueAt: null,
          }),
        });
        loop.start();
      },
      stop: async () => void (await loop?.stop()),
    };
    return { workers: [worker] };
  },
};

describe(`a module added to the list (${testDatabaseKind})`, () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway('modules-fixture', { workerPollMs: 50 }, [...MODULES, fixtureModule]);
  });
  afterAll(async () => gw?.stop());

  it('brings its GraphQL fields, its table and its worker to life, behind the authorization table', async () => {
    const added = await gw.query('mutation { addFixtureNote(text: "hello") { id text processed } }');
    expect(added.body).toEqual({ data: { addFixtureNote: { id: 1, text: 'hello', processed: false } } });
    // The worker, started by the gateway like every module's, marks it processed.
    await eventually(async () => (await gw.query('{ fixtureNotes { processed } }')).body.data?.fixtureNotes?.[0]?.processed === true, 10_000);
    // Its declaration is enforced like the table's: a partner is not an analyst.
    const partner = await gw.query('{ fixtureNotes { id } }', {}, { authorization: `Bearer ${await tokenFor({ sub: 'p', scope: 'customer.read' })}` });
    expect(partner.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
