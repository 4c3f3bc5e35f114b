import { Command } from 'commander';
import { loadConfig } from './server/platform/config.js';

/** `stride` command line: the same DATABASE_URL / DATA_DIR as the server. */
const program = new Command('stride').description('Stride CRM').showHelpAfterError();

program
  .command('serve', { isDefault: true })
  .description('serve the web UI and API')
  .action(async () => {
    const { serve } = await import('./server/main.js');
    await serve(loadConfig());
  });

program
  .command('migrate')
  .description('apply pending database migrations')
  .action(async () => {
    const { withDatabase } = await import('./server/cli/with-database.js');
    await withDatabase(async () => console.log('Database is up to date.'));
  });

const user = program.command('user').description('manage users');
user
  .command('create')
  .requiredOption('--email <email>')
  .requiredOption('--password <password>')
  .option('--role <role>', 'admin | sales_director | team_lead | account_manager | sdr | marketing', 'admin')
  .option('--name <name>')
  .description('create a user')
  .action(async (opts: { email: string; password: string; role: string; name?: string }) => {
    const { createUserCommand } = await import('./server/cli/commands.js');
    await createUserCommand(opts);
  });

const token = program.command('token').description('manage API tokens');
token
  .command('create')
  .requiredOption('--email <email>', 'the user the token acts as')
  .option('--name <name>', 'a label for the token', 'cli')
  .description('create an API token and print it (shown once)')
  .action(async (opts: { email: string; name: string }) => {
    const { createTokenCommand } = await import('./server/cli/commands.js');
    await createTokenCommand(opts);
  });

program
  .command('demo')
  .description('load the demo data into an empty database')
  .action(async () => {
    const { demoCommand } = await import('./server/cli/commands.js');
    await demoCommand();
  });

program
  .command('backup')
  .argument('<file>', 'where to write the backup')
  .description('write a consistent backup of the database (embedded: data folder archive; PostgreSQL: SQL dump)')
  .action(async (file: string) => {
    const { backupCommand } = await import('./server/cli/backup.js');
    await backupCommand(file);
  });

program
  .command('restore')
  .argument('<file>', 'a file written by `stride backup`')
  .option('--force', 'replace a database that already has data')
  .description('restore a backup into the configured database')
  .action(async (file: string, opts: { force?: boolean }) => {
    const { restoreCommand } = await import('./server/cli/backup.js');
    await restoreCommand(file, opts);
  });

const importCommand = program.command('import').description('import records from files');
importCommand
  .command('leads')
  .argument('<file>', 'a CSV (UTF-8, `,` or `;`) or XLSX file with a header row')
  .option('--owner <email>', 'owner of the new leads')
  .option('--team <name>', 'receiving team: unowned leads go round-robin to its members')
  .option('--duplicates <policy>', 'a row whose email belongs to an open lead or a contact: skip | update | create', 'skip')
  .option('--mapping <auto|file.json>', 'column mapping: auto (remembered or guessed) or a JSON file {"header": "field"}', 'auto')
  .option('--as <email>', 'the user the import acts as (default: the owner, else the first administrator)')
  .description('import leads from a file (the same rules as the web wizard), with progress and a rejected-rows report')
  .action(async (file: string, opts: { owner?: string; team?: string; duplicates?: string; mapping?: string; as?: string }) => {
    const { withDatabase } = await import('./server/cli/with-database.js');
    const { importLeadsFromFile } = await import('./server/modules/imports/imports.cli.js');
    await withDatabase((database) => importLeadsFromFile(database, loadConfig().dataDir, file, opts));
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
